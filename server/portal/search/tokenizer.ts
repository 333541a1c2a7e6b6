/*
 * The one tokenizer of the portal's search: the index, the query and the highlighting all use it, so what is
 * found is exactly what is marked. Neither database splits Chinese usefully (SQLite's trigram needs three
 * characters, PostgreSQL's parser keeps a run of Chinese as one token), so a run of Chinese characters becomes its
 * overlapping character pairs (党建工作 → 党建 建工 工作) and any other run of letters or digits one lower-cased word.
 */

export interface Token {
  /** what is indexed and compared */
  text: string;
  /** offsets into the original string, in UTF-16 code units, end exclusive */
  start: number;
  end: number;
}

/** A run of characters with no separator inside: its tokens follow each other. */
export type Run = Token[];

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;
const LATIN_RUN = /[\p{L}\p{N}\p{M}]/u;

/** Splits text into runs: each run of Chinese characters as its bigrams, each other word as one token. */
export function tokenRuns(text: string): Run[] {
  const runs: Run[] = [];
  const chars = Array.from(text);
  let offset = 0;
  const offsets = chars.map((c) => {
    const at = offset;
    offset += c.length;
    return at;
  });
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    if (HAN.test(c)) {
      let j = i;
      while (j < chars.length && HAN.test(chars[j])) j++;
      runs.push(hanRun(chars, offsets, i, j));
      i = j;
    } else if (WORD.test(c)) {
      let j = i;
      while (j < chars.length && !HAN.test(chars[j]) && LATIN_RUN.test(chars[j])) j++;
      const end = j < chars.length ? offsets[j] : text.length;
      runs.push([{ text: text.slice(offsets[i], end).toLowerCase(), start: offsets[i], end }]);
      i = j;
    } else {
      i++;
    }
  }
  return runs;
}

function hanRun(chars: string[], offsets: number[], from: number, to: number): Run {
  const endOf = (k: number) => offsets[k] + chars[k].length;
  // A lone character stays a token of its own, so it is still found when searched alone.
  if (to - from === 1) return [{ text: chars[from], start: offsets[from], end: endOf(from) }];
  const run: Run = [];
  for (let k = from; k < to - 1; k++) {
    run.push({ text: chars[k] + chars[k + 1], start: offsets[k], end: endOf(k + 1) });
  }
  return run;
}

/** The tokens of a text in order, as the index stores them. */
export function tokenize(text: string): Token[] {
  return tokenRuns(text).flat();
}

/** The text the database indexes: our tokens joined by spaces, so its own word splitter has nothing left to decide. */
export function indexText(text: string): string {
  return tokenize(text).map((t) => t.text).join(' ');
}

/**
 * A query: each run of the query is one phrase whose tokens must follow each other in the text (党建工作 is
 * 党建 建工 工作 in a row, not the three pairs anywhere). A lone Chinese character matches as a prefix of a pair.
 */
export interface QueryPhrase {
  tokens: string[];
  prefix: boolean;
}

export function parseQuery(q: string): QueryPhrase[] {
  const seen = new Set<string>();
  const phrases: QueryPhrase[] = [];
  for (const run of tokenRuns(q.slice(0, 200))) {
    const tokens = run.map((t) => t.text);
    const key = tokens.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    phrases.push({ tokens, prefix: tokens.length === 1 && Array.from(tokens[0]).length === 1 && HAN.test(tokens[0]) });
  }
  return phrases.slice(0, 10);
}
