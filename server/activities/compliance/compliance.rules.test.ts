import { describe, expect, it } from 'vitest';
import { parsePeriod, periodOn, subPeriods } from './periods.js';
import { effectiveRules, evaluateRule, readWindow, ruleTable, type CountedActivity } from './compliance.rules.js';
import { dayStartInstant, shanghaiDate } from '../../platform/time.js';

const p = (code: string) => parsePeriod(code)!;
const act = (id: number, date: string): CountedActivity => ({ id, date });

describe('compliance periods', () => {
  it('parses months, quarters and years into Shanghai calendar bounds', () => {
    expect(p('2022-11')).toEqual({ code: '2022-11', cadence: 'month', start: '2022-11-01', end: '2022-12-01' });
    expect(p('2022-Q4')).toEqual({ code: '2022-Q4', cadence: 'quarter', start: '2022-10-01', end: '2023-01-01' });
    expect(p('2024-Q1')).toMatchObject({ start: '2024-01-01', end: '2024-04-01' });
    expect(p('2022')).toEqual({ code: '2022', cadence: 'year', start: '2022-01-01', end: '2023-01-01' });
    for (const bad of ['2022-13', '2022-00', '2022-Q5', '22', '2022-1', '2022Q4']) expect(parsePeriod(bad)).toBeNull();
  });

  it('places a 16:00 UTC instant on the next Shanghai day, one millisecond earlier on the same day', () => {
    // 2022-12-31T16:00Z is midnight of New Year's Day in Asia/Shanghai: the activity belongs to 2023-Q1.
    expect(shanghaiDate('2022-12-31T16:00:00.000Z')).toBe('2023-01-01');
    expect(shanghaiDate('2022-12-31T15:59:59.999Z')).toBe('2022-12-31');
    expect(periodOn('quarter', shanghaiDate('2022-12-31T16:00:00.000Z')).code).toBe('2023-Q1');
    expect(periodOn('quarter', shanghaiDate('2022-12-31T15:59:59.999Z')).code).toBe('2022-Q4');
    expect(dayStartInstant('2023-01-01')).toBe('2022-12-31T16:00:00.000Z');
  });

  it('splits a period into the sub-periods of a shorter cadence, or names the enclosing one', () => {
    expect(subPeriods(p('2022'), 'quarter').map((s) => s.code)).toEqual(['2022-Q1', '2022-Q2', '2022-Q3', '2022-Q4']);
    expect(subPeriods(p('2022-Q4'), 'month').map((s) => s.code)).toEqual(['2022-10', '2022-11', '2022-12']);
    expect(subPeriods(p('2022-11'), 'quarter').map((s) => s.code)).toEqual(['2022-Q4']);
    expect(subPeriods(p('2022-11'), 'year').map((s) => s.code)).toEqual(['2022']);
    expect(readWindow(p('2022-11'))).toEqual({ start: '2022-01-01', end: '2023-01-01' });
  });
});

describe('compliance rule evaluation', () => {
  it('holds each rule of RULES.md §9 item 9 with its cadence and a cited regulation', () => {
    const byRule = Object.fromEntries(ruleTable.map((r) => [r.rule, r]));
    expect(byRule.branch_assembly).toMatchObject({ cadence: 'quarter', required: 1 });
    expect(byRule.branch_committee_meeting).toMatchObject({ cadence: 'month', subject: 'branch_committee' });
    expect(byRule.group_meeting).toMatchObject({ cadence: 'month', subject: 'groups' });
    expect(byRule.party_lecture).toMatchObject({ cadence: 'quarter' });
    expect(byRule.theme_day).toMatchObject({ cadence: 'month' });
    expect(byRule.org_life_meeting).toMatchObject({ cadence: 'year' });
    expect(byRule.member_review).toMatchObject({ cadence: 'year' });
    expect(byRule.unit_secretary_lecture).toMatchObject({ cadence: 'year', subject: 'unit_secretary' });
    for (const r of ruleTable) expect(r.citation).toMatch(/《.+》/);
  });

  it('applies the committee overrides per rule and keeps the rest built in', () => {
    const rules = effectiveRules([{ rule: 'party_lecture', enabled: true, required: 2 }, { rule: 'theme_day', enabled: false, required: null }]);
    expect(rules.find((r) => r.rule === 'party_lecture')).toMatchObject({ required: 2, enabled: true });
    expect(rules.find((r) => r.rule === 'theme_day')).toMatchObject({ required: 1, enabled: false });
    expect(rules.find((r) => r.rule === 'branch_assembly')).toMatchObject({ required: 1, enabled: true });
  });

  it('counts the last day of a quarter in that quarter and the next day in the next', () => {
    const lastDayOfQ4 = act(1, shanghaiDate('2022-12-31T15:59:00.000Z'));
    const firstOfQ1 = act(2, shanghaiDate('2022-12-31T16:00:00.000Z'));
    const q4 = evaluateRule([[lastDayOfQ4, firstOfQ1]], 'quarter', 1, p('2022-Q4'), '2023-02-01');
    expect(q4).toEqual({ status: 'done', done: 1, required: 1, activityIds: [1] });
    const onlyNext = evaluateRule([[firstOfQ1]], 'quarter', 1, p('2022-Q4'), '2023-02-01');
    expect(onlyNext).toMatchObject({ status: 'overdue', done: 0, activityIds: [] });
  });

  it('keeps a quarter open (due) through its last day and overdue from the day after', () => {
    expect(evaluateRule([[]], 'quarter', 1, p('2022-Q4'), '2022-12-31').status).toBe('due');
    expect(evaluateRule([[]], 'quarter', 1, p('2022-Q4'), '2023-01-01').status).toBe('overdue');
  });

  it('rolls a monthly rule up over a year: overdue when an ended month was missed, due when only the current month is open', () => {
    const monthly = (months: number[]) => months.map((m) => act(m, `2022-${String(m).padStart(2, '0')}-15`));
    const allButNov = monthly([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(evaluateRule([allButNov], 'month', 1, p('2022'), '2022-11-20')).toMatchObject({ status: 'due', done: 10, required: 11 });
    expect(evaluateRule([[...allButNov, act(11, '2022-11-02')]], 'month', 1, p('2022'), '2022-11-20'))
      .toMatchObject({ status: 'done', done: 11, required: 11 });
    const missedMarch = allButNov.filter((a) => a.id !== 3);
    expect(evaluateRule([[...missedMarch, act(11, '2022-11-02')]], 'month', 1, p('2022'), '2022-11-20'))
      .toMatchObject({ status: 'overdue', done: 10, required: 11 });
    // two in one month do not make up for a missed one
    expect(evaluateRule([[...missedMarch, act(40, '2022-04-28'), act(11, '2022-11-02')]], 'month', 1, p('2022'), '2022-11-20'))
      .toMatchObject({ status: 'overdue', done: 10 });
    // a past year asks for all twelve
    expect(evaluateRule([allButNov], 'month', 1, p('2022'), '2023-03-01')).toMatchObject({ status: 'overdue', done: 10, required: 12 });
  });

  it('needs every group to meet: one silent group makes the month overdue', () => {
    const g1 = [act(1, '2022-10-10'), act(2, '2022-11-10')];
    const g2 = [act(3, '2022-10-12')];
    expect(evaluateRule([g1, g2], 'month', 1, p('2022-Q4'), '2022-12-05'))
      .toEqual({ status: 'overdue', done: 3, required: 6, activityIds: [1, 2, 3] });
    expect(evaluateRule([g1, [...g2, act(4, '2022-11-30')]], 'month', 1, p('2022-Q4'), '2022-12-05'))
      .toMatchObject({ status: 'due', done: 4, required: 6 });
  });

  it('judges a yearly rule seen in a month by its whole year, and a period not begun as due', () => {
    expect(evaluateRule([[act(9, '2022-03-01')]], 'year', 1, p('2022-11'), '2022-11-20')).toMatchObject({ status: 'done', activityIds: [9] });
    expect(evaluateRule([[]], 'year', 1, p('2022-11'), '2022-11-20')).toMatchObject({ status: 'due', required: 1 });
    expect(evaluateRule([[]], 'month', 1, p('2023'), '2022-11-20')).toMatchObject({ status: 'due', done: 0, required: 12 });
  });
});
