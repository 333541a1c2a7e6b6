/** Organisation types, from the working committee down to the party group (GLOSSARY.md). */
export const orgTypes = ['working_committee', 'committee', 'general_branch', 'branch', 'group'] as const;
export type OrgType = (typeof orgTypes)[number];

export const orgTypeLabels: Record<OrgType, string> = {
  working_committee: '机关工委',
  committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
  group: '党小组',
};

/**
 * Which types may sit directly under which. The working committee is the root of a deployment and sits under
 * nothing; a unit committee may hold a grassroots committee of a subordinate institution (100+ members), general
 * branches and branches; a general branch holds branches; groups sit only inside branches (RULES.md §2, 党小组).
 * The server enforces it; the web app offers only these types when adding a child.
 */
export const childTypes: Record<OrgType, readonly OrgType[]> = {
  working_committee: ['committee', 'general_branch', 'branch'],
  committee: ['committee', 'general_branch', 'branch'],
  general_branch: ['branch'],
  branch: ['group'],
  group: [],
};

export const orgStatuses = ['active', 'merged', 'dissolved'] as const;
export type OrgStatus = (typeof orgStatuses)[number];

export const orgStatusLabels: Record<OrgStatus, string> = {
  active: '正常',
  merged: '已合并',
  dissolved: '已撤销',
};

export const officerPositions = ['secretary', 'deputy_secretary', 'committee_member'] as const;
export type OfficerPosition = (typeof officerPositions)[number];

export const officerPositionLabels: Record<OfficerPosition, string> = {
  secretary: '书记',
  deputy_secretary: '副书记',
  committee_member: '委员',
};
