import { idNumberCheckChar } from '../registry/members/id-number.js';
import type { Random } from './random.js';

/**
 * Synthetic citizen ID numbers that pass GB 11643 validation but belong to nobody: province 43 (Hunan)
 * with prefecture code 99, which no real prefecture has, so no number can match a real person's.
 */
export const SYNTHETIC_AREA_PREFIX = '4399';

export class SyntheticIdNumbers {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Random) {}

  /** A unique number for the birth date and gender (the sequence digit is odd for men, even for women). */
  next(birthDate: string, gender: 'male' | 'female'): string {
    const birth = birthDate.replaceAll('-', '');
    for (;;) {
      const area = `${SYNTHETIC_AREA_PREFIX}${String(this.rng.int(1, 30)).padStart(2, '0')}`;
      const seq = this.rng.int(0, 499) * 2 + (gender === 'male' ? 1 : 0);
      const first17 = `${area}${birth}${String(seq).padStart(3, '0')}`;
      const id = first17 + idNumberCheckChar(first17);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}
