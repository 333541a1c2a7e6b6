/** Chinese labels of the codes the API uses (GLOSSARY.md names), in one place. */

export type OrgType = 'working_committee' | 'committee' | 'general_branch' | 'branch' | 'group';

export const orgTypeLabels: Record<OrgType, string> = {
  working_committee: '机关工委',
  committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
  group: '党小组',
};

/** Which child types an organisation of a type may have (groups only inside branches). */
export const childTypes: Record<OrgType, OrgType[]> = {
  working_committee: ['committee', 'general_branch', 'branch'],
  committee: ['committee', 'general_branch', 'branch'],
  general_branch: ['branch'],
  branch: ['group'],
  group: [],
};

export const orgStatusLabels: Record<string, string> = {
  active: '正常',
  merged: '已合并',
  dissolved: '已撤销',
};

export const officerPositionLabels: Record<string, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  committee_member: '委员',
};

/** Usual titles of committee members (the `title` of an officer), offered as suggestions. */
export const officerTitles = ['组织委员', '宣传委员', '纪检委员', '青年委员', '统战委员', '保密委员', '党小组组长'];

export const memberStatusLabels: Record<string, string> = {
  full: '正式党员',
  probationary: '预备党员',
};

export const genderLabels: Record<string, string> = { male: '男', female: '女' };

export const ledgerLabels: Record<string, string> = {
  veteran: '老党员',
  hardship: '困难党员',
  martyr_family: '烈士遗属',
};

/** Ledgers a person flags by hand; `veteran` is derived from party years by rule. */
export const flaggedLedgers = ['hardship', 'martyr_family'] as const;

export const exitReasonLabels: Record<string, string> = {
  transferred_out: '组织关系转出',
  deceased: '去世',
  left: '出党',
  suspended: '停止党籍',
};

export const educationOptions = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下'];

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
