/**
 * The shape of the demo district: the working committee of 雁峰区's organs, about thirty units, and the
 * party organisations that serve them. Member counts are chosen so the tree shows the registry's findings
 * only where they are meant (see `finding`), and about 1,200 members in all.
 */

export interface DemoUnitPlan {
  name: string;
  /** the unit head's title, used for posts (局长, 主任 …) */
  head: string;
}

export type OrgType = 'working_committee' | 'committee' | 'general_branch' | 'branch' | 'group';

export interface DemoOrgPlan {
  name: string;
  type: Exclude<OrgType, 'working_committee' | 'group'>;
  /** the units it serves; a joint branch names several */
  units: string[];
  /** members of a branch (spread over its groups when it has any) */
  members?: number;
  groups?: number;
  children?: DemoOrgPlan[];
  /** a retired cadres' organisation: members aged 60–85, the veterans among them */
  retired?: boolean;
  /** the deliberate findings the demo shows */
  finding?: 'few_full_members' | 'term_ending' | 'large_without_groups';
}

export const WORKING_COMMITTEE = '雁峰区直机关工委';

export const demoUnits: DemoUnitPlan[] = [
  { name: '区委办公室', head: '主任' },
  { name: '区人大常委会办公室', head: '主任' },
  { name: '区人民政府办公室', head: '主任' },
  { name: '区政协办公室', head: '主任' },
  { name: '区纪委监委', head: '书记' },
  { name: '区委组织部', head: '部长' },
  { name: '区委宣传部', head: '部长' },
  { name: '区委统战部', head: '部长' },
  { name: '区委政法委', head: '书记' },
  { name: '区委老干部局', head: '局长' },
  { name: '区发展和改革局', head: '局长' },
  { name: '区教育局', head: '局长' },
  { name: '区科学技术和工业信息化局', head: '局长' },
  { name: '区民政局', head: '局长' },
  { name: '区司法局', head: '局长' },
  { name: '区财政局', head: '局长' },
  { name: '区人力资源和社会保障局', head: '局长' },
  { name: '区住房和城乡建设局', head: '局长' },
  { name: '区城市管理和综合执法局', head: '局长' },
  { name: '区农业农村局', head: '局长' },
  { name: '区商务局', head: '局长' },
  { name: '区文化旅游广电体育局', head: '局长' },
  { name: '区卫生健康局', head: '局长' },
  { name: '区退役军人事务局', head: '局长' },
  { name: '区应急管理局', head: '局长' },
  { name: '区审计局', head: '局长' },
  { name: '区市场监督管理局', head: '局长' },
  { name: '区统计局', head: '局长' },
  { name: '区医疗保障局', head: '局长' },
  { name: '区信访局', head: '局长' },
  { name: '区机关事务服务中心', head: '主任' },
  { name: '区总工会', head: '主席' },
  { name: '共青团雁峰区委', head: '书记' },
  { name: '区妇女联合会', head: '主席' },
];

const branch = (name: string, unit: string, members: number, groups = 0, extra: Partial<DemoOrgPlan> = {}): DemoOrgPlan =>
  ({ name, type: 'branch', units: [unit], members, groups, ...extra });

export const demoTree: DemoOrgPlan[] = [
  branch('区委办公室党支部', '区委办公室', 48, 3),
  branch('区人大常委会机关党支部', '区人大常委会办公室', 30, 2),
  branch('区政府办公室党支部', '区人民政府办公室', 44, 3),
  branch('区政协机关党支部', '区政协办公室', 22, 2),
  branch('区纪委监委机关党支部', '区纪委监委', 48, 3),
  branch('区委组织部党支部', '区委组织部', 36, 2),
  branch('区委宣传部党支部', '区委宣传部', 28, 2),
  branch('区委统战部党支部', '区委统战部', 17),
  branch('区委政法委党支部', '区委政法委', 21, 2),
  {
    name: '区委老干部局离退休干部党总支', type: 'general_branch', units: ['区委老干部局'], retired: true,
    children: [
      branch('离退休干部第一党支部', '区委老干部局', 48, 3, { retired: true }),
      branch('离退休干部第二党支部', '区委老干部局', 46, 3, { retired: true }),
    ],
  },
  branch('区发展和改革局党支部', '区发展和改革局', 36, 2),
  {
    name: '区教育局党委', type: 'committee', units: ['区教育局'],
    children: [
      branch('区教育局机关党支部', '区教育局', 42, 3),
      {
        name: '区教育局直属单位党总支', type: 'general_branch', units: ['区教育局'],
        children: [
          branch('区教育发展中心党支部', '区教育局', 34, 2),
          branch('区教师发展中心党支部', '区教育局', 22, 2),
          branch('区学生资助管理中心党支部', '区教育局', 11),
          branch('区教育后勤服务中心党支部', '区教育局', 21, 2),
        ],
      },
    ],
  },
  branch('区科学技术和工业信息化局党支部', '区科学技术和工业信息化局', 18),
  branch('区民政局党支部', '区民政局', 38, 2),
  branch('区司法局党支部', '区司法局', 28, 2),
  branch('区财政局党支部', '区财政局', 38, 3),
  branch('区人力资源和社会保障局党支部', '区人力资源和社会保障局', 25, 0, { finding: 'large_without_groups' }),
  branch('区住房和城乡建设局党支部', '区住房和城乡建设局', 45, 3),
  branch('区城市管理和综合执法局党支部', '区城市管理和综合执法局', 49, 3),
  branch('区农业农村局党支部', '区农业农村局', 30, 2),
  branch('区商务局党支部', '区商务局', 20, 2),
  branch('区文化旅游广电体育局党支部', '区文化旅游广电体育局', 31, 2),
  {
    name: '区卫生健康局党委', type: 'committee', units: ['区卫生健康局'],
    children: [
      branch('区卫生健康局机关党支部', '区卫生健康局', 38, 2),
      {
        name: '区疾病预防控制中心党总支', type: 'general_branch', units: ['区卫生健康局'],
        children: [
          branch('区疾控中心第一党支部', '区卫生健康局', 34, 2),
          branch('区疾控中心第二党支部', '区卫生健康局', 32, 2),
        ],
      },
      branch('区妇幼保健计划生育服务中心党支部', '区卫生健康局', 30, 2),
      branch('区卫生健康综合监督执法大队党支部', '区卫生健康局', 16),
    ],
  },
  branch('区退役军人事务局党支部', '区退役军人事务局', 17, 0, { finding: 'term_ending' }),
  branch('区应急管理局党支部', '区应急管理局', 21, 2),
  branch('区审计局党支部', '区审计局', 20, 2),
  branch('区市场监督管理局党支部', '区市场监督管理局', 49, 4),
  branch('区统计局党支部', '区统计局', 14),
  branch('区医疗保障局党支部', '区医疗保障局', 16),
  branch('区信访局党支部', '区信访局', 3, 0, { finding: 'few_full_members' }),
  branch('区机关事务服务中心党支部', '区机关事务服务中心', 12),
  { name: '区群团联合党支部', type: 'branch', units: ['区总工会', '共青团雁峰区委', '区妇女联合会'], members: 11 },
];

/** The organisations the demo accounts are tied to. */
export const DEMO_BRANCH = '区财政局党支部';
export const LIAISON_ORGS = ['区财政局党支部', '区民政局党支部', '区教育局党委'] as const;
