/**
 * The roster's columns: the header text rosters really use for each field, and the template's headers.
 * A header matches after spaces, required-markers (*) and a bracketed note ("身份证号（18位）") are removed.
 */

export const rosterFields = [
  'name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'education', 'joinedOn', 'fullOn', 'status', 'org', 'phone', 'post', 'notes',
] as const;
export type RosterField = (typeof rosterFields)[number];

interface ColumnSpec {
  /** the header the template and exports write */
  header: string;
  variants: readonly string[];
}

export const rosterColumns: Record<RosterField, ColumnSpec> = {
  name: { header: '姓名', variants: ['姓名', '名字', '党员姓名'] },
  gender: { header: '性别', variants: ['性别'] },
  ethnicity: { header: '民族', variants: ['民族'] },
  birthDate: { header: '出生日期', variants: ['出生日期', '出生年月日', '出生年月', '出生时间'] },
  idNumber: { header: '身份证号', variants: ['身份证号', '身份证号码', '公民身份号码', '公民身份证号码', '身份证'] },
  education: { header: '学历', variants: ['学历', '文化程度', '最高学历'] },
  joinedOn: { header: '入党时间', variants: ['入党时间', '入党日期', '加入党组织日期', '入党年月'] },
  fullOn: { header: '转正时间', variants: ['转正时间', '转正日期', '转为正式党员日期'] },
  status: { header: '党员类别', variants: ['党员类别', '人员类别', '党员状态', '党籍状态'] },
  org: { header: '所在党组织', variants: ['所在党组织', '所在支部', '党组织名称', '所在党支部', '所属党组织', '所属支部', '党支部'] },
  phone: { header: '联系电话', variants: ['联系电话', '手机号码', '手机号', '手机', '电话', '联系方式'] },
  post: { header: '工作单位及职务', variants: ['工作单位及职务', '单位及职务', '工作单位', '职务'] },
  notes: { header: '备注', variants: ['备注'] },
};

/** Without these a row cannot be matched or placed, so the file is refused as a whole. */
export const requiredFields: readonly RosterField[] = ['name', 'idNumber', 'org'];

/** A header row must name at least this many known columns, so a title row or a note row is never taken for it. */
export const MIN_HEADER_MATCHES = 3;

const variantIndex = new Map<string, RosterField>(
  rosterFields.flatMap((f) => rosterColumns[f].variants.map((v) => [normalizeHeader(v), f] as const)),
);

export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/^[*＊]+|[*＊]+$/g, '')
    .replace(/[（(][^（()）]*[)）]$/, '');
}

export function fieldOfHeader(text: string): RosterField | undefined {
  return variantIndex.get(normalizeHeader(text));
}

/** Column order of the template and of exports. */
export const templateFields: readonly RosterField[] = [
  'name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'education', 'joinedOn', 'fullOn', 'status', 'org', 'phone', 'post', 'notes',
];
