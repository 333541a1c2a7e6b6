export const outcomeLabels: Record<string, { text: string; color: string }> = {
  success: { text: '成功', color: 'green' },
  failure: { text: '失败', color: 'orange' },
  denied: { text: '拒绝', color: 'red' },
};

/** Chinese names of the common actions; anything else shows its code. */
const actions: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lockout': '账号锁定',
  'activity.checkin_lockout': '签到码错误次数过多',
  'auth.password_change': '修改密码',
  'auth.totp_enroll': '绑定双因素认证',
  'auth.totp_activate': '启用双因素认证',
  'auth.totp_verify': '双因素认证',
  'access.denied': '越权访问被拒绝',
  'member.create': '新增党员',
  'member.update': '修改党员信息',
  'member.delete': '删除党员记录',
  'member.exit': '党员离开',
  'member.reveal': '查看完整个人信息',
  'member.import': '导入名册',
  'member.export': '导出名册',
  'member.import_issues': '下载导入问题清单',
  'org.create': '新建组织',
  'org.update': '修改组织',
  'org.move': '调整隶属关系',
  'org.merge': '合并组织',
  'org.dissolve': '撤销组织',
  'org.delete': '删除组织',
  'org.officers': '调整班子成员',
  'unit.create': '新建机关单位',
  'unit.update': '修改机关单位',
  'file.upload': '上传文件',
  'file.delete': '删除文件',
  'demo.load': '载入演示数据',
  'config.deviation': '配置偏离安全基线',
  'audit.verify': '校验审计日志',
  'audit.archive': '归档审计日志',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.reset_password': '重置密码',
  'grant.create': '授权',
  'grant.delete': '撤销授权',
  'grant.update': '调整授权',
  'setup.init': '系统初始化',
  'policy.update': '修改安全策略',
  'member_accounts.create': '开设党员账号',
  'audit.export': '导出审计日志',
};

export const actionOptions = Object.entries(actions).map(([value, label]) => ({ value, label: `${label}（${value}）` }));

const objectTypes: Record<string, string> = {
  user: '用户',
  member: '党员',
  org: '党组织',
  unit: '机关单位',
  grant: '授权',
  policy: '安全策略',
  import_batch: '导入批次',
  file: '文件',
  notification: '通知',
};

/** "党员 #12", or the code where there is no name for it. */
export function objectLabel(type: string | null, id: string | null): string {
  if (!type) return '—';
  return `${objectTypes[type] ?? type}${id ? ` #${id}` : ''}`;
}

export function actionLabel(action: string): string {
  return actions[action] ?? action;
}
