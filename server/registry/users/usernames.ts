import { pinyin } from 'pinyin-pro';

/** Longer full-pinyin names (four-character names, ethnic names) fall back to initials. */
const MAX_FULL_PINYIN = 16;

/** The username stem for a person: full pinyin (张建国 → zhangjianguo), or its initials when long (zjg…). */
export function usernameStem(name: string): string {
  const clean = (parts: string[]) => parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
  const full = clean(pinyin(name, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' }));
  const stem = full.length <= MAX_FULL_PINYIN
    ? full
    : clean(pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }));
  // A username starts with a letter; a name without any letters in pinyin gets a neutral stem.
  return /^[a-z]/.test(stem) ? stem.slice(0, MAX_FULL_PINYIN) : `dy${stem}`.slice(0, MAX_FULL_PINYIN);
}

/** The stem itself if free, else the stem with the smallest number from 2 up that is free. */
export function firstFree(stem: string, taken: ReadonlySet<string>): string {
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}${n}`)) return `${stem}${n}`;
}
