/** Full (正式党员) or probationary (预备党员) member. */
export const memberStatuses = ['full', 'probationary'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

export const memberStatusLabels: Record<MemberStatus, string> = { full: '正式党员', probationary: '预备党员' };

export type Gender = 'male' | 'female';
export const genderLabels: Record<Gender, string> = { male: '男', female: '女' };

/** Levels of the party's educational statistics (党内统计 学历), highest first. */
export const educationLevels = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下'] as const;

/**
 * The member ledgers (台账). `veteran` (老党员) is derived by rule from party standing; `hardship` (困难党员)
 * and `martyr_family` (烈属) are flags entered with a reason and a date.
 */
export const ledgerKinds = ['veteran', 'hardship', 'martyr_family'] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

/** The ledgers flagged by hand, with a reason and a date. */
export const flagLedgers = ['hardship', 'martyr_family'] as const satisfies readonly LedgerKind[];
export type FlagLedger = (typeof flagLedgers)[number];

export const ledgerLabels: Record<LedgerKind, string> = {
  veteran: '老党员',
  hardship: '困难党员',
  martyr_family: '烈士遗属',
};

/** How a member leaves the roster; the record stays, out of the lists. */
export const exitReasons = ['transferred_out', 'deceased', 'left', 'suspended'] as const;
export type ExitReason = (typeof exitReasons)[number];

export const exitReasonLabels: Record<ExitReason, string> = {
  transferred_out: '组织关系转出',
  deceased: '去世',
  left: '出党',
  suspended: '停止党籍',
};
