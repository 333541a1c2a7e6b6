/** One organisation's figures for a bulletin period, counted from its work items due in the period. */
export interface BulletinCounts {
  orgId: number;
  orgName: string;
  /** items due in the period, not cancelled */
  due: number;
  signedOffOnTime: number;
  closedLate: number;
  /** still open past their deadline when the bulletin was generated */
  overdue: number;
  promptsReceived: number;
  promptsAcknowledged: number;
}

export interface BulletinRow extends BulletinCounts {
  rank: number;
  /** signedOffOnTime / due, in percent with one decimal; null when nothing was due */
  onTimeRate: number | null;
}

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : null);

/**
 * The ranking: by on-time sign-off rate (organisations with nothing due last), then fewer overdue items, then more
 * prompts acknowledged; equal figures share a rank. Organisations, never members (RULES.md §9 item 32).
 */
export function rankBulletin(rows: readonly BulletinCounts[]): BulletinRow[] {
  const withRate = rows.map((r) => ({ ...r, onTimeRate: rate(r.signedOffOnTime, r.due) }));
  const key = (r: (typeof withRate)[number]) => [r.onTimeRate ?? -1, -r.overdue, r.promptsAcknowledged] as const;
  withRate.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return kb[0] - ka[0] || kb[1] - ka[1] || kb[2] - ka[2] || a.orgName.localeCompare(b.orgName, 'zh');
  });
  return withRate.map((r, i, all) => {
    const same = (x: (typeof withRate)[number]) => key(x).every((v, j) => v === key(r)[j]);
    const first = all.findIndex(same);
    return { ...r, rank: first + 1 };
  });
}
