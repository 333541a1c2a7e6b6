import { describe, expect, it } from 'vitest';
import { memberLedgers, partyYears, veteranCutoff } from './ledgers.js';

const rules = { today: '2024-06-30', veteranMinPartyYears: 50 };

describe('ledgers', () => {
  it('counts party years from full membership, or one year after joining when that date is missing', () => {
    expect(partyYears({ status: 'full', joinedOn: '1973-06-30', fullOn: '1974-06-30' }, rules.today)).toBe(50);
    expect(partyYears({ status: 'full', joinedOn: '1973-07-01', fullOn: '1974-07-01' }, rules.today)).toBe(49);
    expect(partyYears({ status: 'full', joinedOn: '1973-06-30', fullOn: null }, rules.today)).toBe(50);
    expect(partyYears({ status: 'probationary', joinedOn: '2024-01-01', fullOn: null }, rules.today)).toBe(0);
  });

  it('derives the veteran ledger at the configured threshold, beside the flags', () => {
    const flags = [{ ledger: 'hardship' as const, reason: '重病', since: '2020-01-01' }];
    expect(memberLedgers({ status: 'full', joinedOn: '1973-06-30', fullOn: '1974-06-30' }, flags, rules)).toEqual([
      { ledger: 'veteran', reason: '党龄满50年', since: '2024-06-30', derived: true },
      { ledger: 'hardship', reason: '重病', since: '2020-01-01', derived: false },
    ]);
    expect(memberLedgers({ status: 'full', joinedOn: '1973-07-01', fullOn: '1974-07-01' }, [], rules)).toEqual([]);
    expect(memberLedgers({ status: 'full', joinedOn: '1990-01-01', fullOn: '1991-01-01' }, [], { ...rules, veteranMinPartyYears: 30 }))
      .toMatchObject([{ ledger: 'veteran', derived: true }]);
    expect(veteranCutoff(rules)).toBe('1974-06-30');
  });
});
