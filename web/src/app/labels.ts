/** Chinese labels of the codes the API uses (GLOSSARY.md names), in one place; those the server also uses live in contract/. */
import { educationLevels, exitReasonLabels, flagLedgers, genderLabels, ledgerLabels, memberStatusLabels } from '../../../contract/members';
import { childTypes, officerPositionLabels, orgStatusLabels, orgTypeLabels, type OrgType } from '../../../contract/orgs';

export { childTypes, educationLevels, exitReasonLabels, flagLedgers, genderLabels, ledgerLabels, memberStatusLabels, officerPositionLabels, orgStatusLabels, orgTypeLabels, type OrgType };

/** Usual titles of committee members (the `title` of an officer), offered as suggestions. */
export const officerTitles = ['组织委员', '宣传委员', '纪检委员', '青年委员', '统战委员', '保密委员', '党小组组长'];

export const severityLabels: Record<string, { text: string; color: string }> = {
  error: { text: '严重', color: 'red' },
  warning: { text: '提示', color: 'orange' },
  info: { text: '信息', color: 'blue' },
};

export function labelOf(map: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '';
  return map[code] ?? code;
}

export function options(map: Record<string, string>) {
  return Object.entries(map).map(([value, label]) => ({ value, label }));
}
