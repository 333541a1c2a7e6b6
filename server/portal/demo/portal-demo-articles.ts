/**
 * Fictional committee news for the demo portal: every unit, person-free event and figure below is made up for
 * the demo (the one real article is the seed reprint in seed-reprint.ts).
 */
export interface DemoArticle {
  column: DemoColumnSlug;
  title: string;
  summary: string;
  paragraphs: string[];
  tags: string[];
}

export type DemoColumnSlug = 'news' | 'topics' | 'model-organs' | 'theme-education' | 'notices' | 'brands';

export const demoColumns: Array<{ slug: DemoColumnSlug; name: string; parent?: DemoColumnSlug; reviewLevels: number; sortOrder: number }> = [
  { slug: 'news', name: '党建动态', reviewLevels: 1, sortOrder: 10 },
  { slug: 'topics', name: '专题专栏', reviewLevels: 1, sortOrder: 20 },
  { slug: 'model-organs', name: '模范机关创建', parent: 'topics', reviewLevels: 1, sortOrder: 21 },
  { slug: 'theme-education', name: '主题教育', parent: 'topics', reviewLevels: 1, sortOrder: 22 },
  { slug: 'notices', name: '通知公告', reviewLevels: 3, sortOrder: 30 },
  { slug: 'brands', name: '品牌展示', reviewLevels: 1, sortOrder: 40 },
];

const branches = [
  '区财政局', '区民政局', '区教育局', '区司法局', '区审计局', '区统计局', '区商务局', '区信访局',
  '区应急管理局', '区医疗保障局', '区退役军人事务局', '区农业农村局', '区住房和城乡建设局', '区市场监督管理局',
];

const activities: Array<{ title: (u: string) => string; tag: string; lines: (u: string, n: number) => string[] }> = [
  {
    title: (u) => `${u}机关党支部开展“学思想、强党性”主题党日活动`,
    tag: '主题党日',
    lines: (u, n) => [
      `近日，${u}机关党支部组织${20 + n}名党员开展“学思想、强党性”主题党日活动。`,
      '活动中，全体党员重温入党誓词，集中学习了党章和《中国共产党支部工作条例（试行）》有关内容，支部书记结合本单位业务讲授专题党课。',
      '大家纷纷表示，要把学习成果转化为做好本职工作的实际行动，在服务群众、推动发展中当好先锋模范。',
    ],
  },
  {
    title: (u) => `${u}召开${2026}年度党建工作推进会`,
    tag: '党建工作',
    lines: (u, n) => [
      `${u}日前召开年度党建工作推进会，总结上半年工作，部署下一阶段${3 + (n % 3)}项重点任务。`,
      '会议指出，要坚持党建工作和业务工作同谋划、同部署、同落实，持续推动机关党建提质增效。',
      '会议要求，各党支部要对照年度任务清单逐项对账，确保责任到人、按期完成。',
    ],
  },
  {
    title: (u) => `${u}党员志愿服务队走进社区开展志愿服务`,
    tag: '志愿服务',
    lines: (u, n) => [
      `${u}党员志愿服务队${10 + n}名党员走进结对社区，开展政策宣讲、环境整治和便民服务活动。`,
      '志愿者们为居民讲解惠民政策，帮助清理楼道杂物，并为独居老人送上生活用品。',
      '下一步，该局将把志愿服务常态化，每月固定开展一次“党员进社区”活动。',
    ],
  },
  {
    title: (u) => `${u}开展党风廉政警示教育`,
    tag: '廉政教育',
    lines: (u) => [
      `为筑牢拒腐防变思想防线，${u}组织全体党员干部开展党风廉政警示教育。`,
      '大家集中观看了警示教育片，并结合岗位廉政风险点开展讨论，逐一签订廉洁自律承诺书。',
      '通过此次教育，党员干部进一步增强了纪律意识和规矩意识。',
    ],
  },
];

function newsArticles(): DemoArticle[] {
  return branches.flatMap((u, i) => {
    const a = activities[i % activities.length];
    const b = activities[(i + 1) % activities.length];
    const pick = i < 9 ? [a, b] : [a];
    return pick.map((act, k) => ({
      column: 'news' as const,
      title: act.title(u),
      summary: act.lines(u, i + k)[0],
      paragraphs: act.lines(u, i + k),
      tags: [act.tag],
    }));
  });
}

const specials: DemoArticle[] = [
  ['model-organs', '区直机关工委部署“三表率一模范”机关创建工作', ['创建工作分为动员部署、对标创建、评估验收三个阶段，全年推进。', '各部门党组（党委）要履行主体责任，把创建工作纳入年度工作要点。', '工委将采取季度调度、交叉检查等方式跟踪创建进度。']],
  ['model-organs', '区审计局以模范机关创建推动业务提质', ['区审计局把创建工作与审计监督主业紧密结合，建立“党建+审计”工作清单。', '今年以来，该局党员先锋岗在重点项目审计中发现并推动整改问题线索多条。', '该局将继续以创建为抓手，推动党建和业务深度融合。']],
  ['model-organs', '模范机关创建观摩交流会召开', ['区直机关工委组织召开模范机关创建观摩交流会，六个部门作交流发言。', '与会人员实地观摩了两个示范党支部的阵地建设和台账资料。', '会议要求，各单位要互学互鉴、补齐短板，推动创建工作整体提升。']],
  ['theme-education', '区直机关举办主题教育专题读书班', ['为期三天的专题读书班采取集中学习、专题辅导、分组研讨相结合的方式进行。', '学员们围绕“学思想、强党性、重实践、建新功”开展交流研讨。', '读书班结束后，各单位将组织学员在本单位开展宣讲。']],
  ['theme-education', '主题教育调研成果交流会举行', ['会上，十个部门汇报了主题教育调查研究成果和问题整改情况。', '工委负责同志逐一点评，要求调研成果要转化为解决问题的实际举措。', '下一步，工委将建立调研成果转化台账，跟踪落实。']],
  ['theme-education', '区民政局开展“我为群众办实事”实践活动', ['区民政局梳理群众急难愁盼问题清单，明确责任科室和完成时限。', '目前，清单中的养老服务、救助审批等事项已办结大部分。', '该局将持续跟踪办理情况，做到件件有回音、事事有着落。']],
].map(([column, title, paragraphs]) => ({
  column: column as DemoColumnSlug, title: title as string, summary: (paragraphs as string[])[0], paragraphs: paragraphs as string[],
  tags: [column === 'model-organs' ? '模范机关' : '主题教育'],
}));

const notices: DemoArticle[] = [
  ['关于开展党员组织关系集中排查的通知', '请各基层党组织对照党员名册逐一核对组织关系，于本月底前报送排查情况。'],
  ['关于做好年度党费收缴工作的通知', '请各党支部按规定标准按月收缴党费，及时公布收缴情况，接受党员监督。'],
  ['关于举办基层党组织书记培训班的通知', '培训对象为区直机关各基层党组织书记，培训时间三天，请各单位按名额报名。'],
  ['关于开展“两优一先”评选推荐工作的通知', '评选表彰优秀共产党员、优秀党务工作者和先进基层党组织，请各单位按程序推荐。'],
  ['关于规范基层党组织按期换届工作的通知', '请各基层党组织对照任期，提前谋划换届工作，确保按期换届。'],
  ['关于开展机关党建工作交叉检查的通知', '检查采取听取汇报、查阅资料、个别访谈等方式进行，请各单位做好准备。'],
].map(([title, first]) => ({
  column: 'notices' as const, title, summary: first, tags: ['通知'],
  paragraphs: ['区直机关各基层党组织：', first, '联系人及电话：区直机关工委组织科，0734-0000000（演示号码）。', '中共雁峰区直属机关工作委员会'],
}));

const brands: DemoArticle[] = [
  ['区财政局', '区财政局“红色账本”党建品牌', '“红色账本”把党员承诺、服务事项和办理结果一一记账，每季度公开晾晒。'],
  ['区教育局', '区教育局“园丁先锋”党建品牌', '“园丁先锋”组织党员教师结对帮扶学生，开展送教下乡和课后服务。'],
  ['区司法局', '区司法局“法润雁城”党建品牌', '“法润雁城”组织党员律师、调解员进社区开展法律咨询和矛盾调解。'],
  ['区卫生健康局', '区卫生健康局“健康守门人”党建品牌', '“健康守门人”由党员医务人员组成服务队，定期开展义诊和健康宣讲。'],
].map(([, title, first]) => ({
  column: 'brands' as const, title, summary: first, tags: ['党建品牌'],
  paragraphs: [first, '品牌创建以来，累计开展服务活动百余场次，受到群众好评。', '下一步，将进一步完善品牌建设机制，扩大品牌影响力。'],
}));

export const demoArticles: DemoArticle[] = [...newsArticles(), ...specials, ...notices, ...brands];
