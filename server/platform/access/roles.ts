/**
 * Roles and what each may do. A grant is (role, organisation, optional validity): the permission applies
 * to the organisation's subtree. The three administrators (三员) are separated: no person holds two of them,
 * and none reads members' personal data by role.
 */
export const roles = [
  'committee_staff',
  'liaison_officer',
  'inspector',
  'unit_secretary',
  'secretary',
  'member',
  'portal_author',
  'portal_reviewer',
  'system_admin',
  'security_admin',
  'audit_admin',
] as const;
export type Role = (typeof roles)[number];

export const adminRoles: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

export const roleLabels: Record<Role, string> = {
  committee_staff: '工委工作人员',
  liaison_officer: '工委委员（联系指导）',
  inspector: '交叉检查人员',
  unit_secretary: '党组（党委）书记',
  secretary: '支部书记/党务干部',
  member: '党员',
  portal_author: '信息发布员',
  portal_reviewer: '信息审核员',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '安全审计员',
};

export const permissions = [
  'org.read',
  'org.write',
  'member.read',
  'member.write',
  'member.reveal',
  'member.import',
  'member.export',
  /** create and reset accounts for members in scope (secretaries, committee staff) */
  'account.manage',
  /** every account and its status (system admin) */
  'user.manage',
  /** list accounts: the system admin manages them, the security admin grants roles to them */
  'user.read',
  /** grants and roles (security admin) */
  'grant.manage',
  'policy.manage',
  'audit.read',
  'audit.export',
  /** write articles in the columns of the organisations in scope */
  'portal.write',
  /** review and publish articles in scope; manage columns and site settings */
  'portal.review',
  /** read the activities (organisational life) of the organisations in scope */
  'activity.read',
  /** record, edit, sign and correct activities of the organisations in scope */
  'activity.write',
  /** the 三会一课 compliance report and attendance statistics of the subtree in scope */
  'compliance.read',
  /** the district's 三会一课 rule settings per organisation type (working committee at the root, system admin) */
  'compliance.configure',
  /** training classes: organise, enrol, record completion (the working committee) */
  'training.manage',
  /** read the work items of the organisations in scope */
  'workitem.read',
  /** move the items of the organisations in scope (acknowledge, report, submit evidence) */
  'workitem.write',
  /** hand work down: duty-list templates, monthly checklists, work prompts, dispatch, projects, holidays */
  'workitem.assign',
  /** schedule inspections and risk screenings, pair units, publish bulletins */
  'inspection.manage',
  /** record inspection findings and guidance visits on the units one inspects or is liaison for */
  'inspection.record',
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  committee_staff: ['org.read', 'org.write', 'member.read', 'member.write', 'member.reveal', 'member.import', 'member.export', 'account.manage', 'portal.write', 'portal.review',
    'activity.read', 'activity.write', 'compliance.read', 'compliance.configure', 'training.manage', 'workitem.read', 'workitem.write', 'workitem.assign', 'inspection.manage', 'inspection.record'],
  liaison_officer: ['org.read', 'member.read', 'activity.read', 'compliance.read', 'workitem.read', 'inspection.record'],
  inspector: ['org.read', 'member.read', 'activity.read', 'compliance.read', 'workitem.read', 'inspection.record'],
  unit_secretary: ['org.read', 'member.read', 'activity.read', 'compliance.read', 'workitem.read', 'workitem.write'],
  secretary: ['org.read', 'org.write', 'member.read', 'member.write', 'member.reveal', 'member.import', 'member.export', 'account.manage',
    'activity.read', 'activity.write', 'compliance.read', 'workitem.read', 'workitem.write'],
  member: [],
  portal_author: ['portal.write'],
  portal_reviewer: ['portal.write', 'portal.review'],
  system_admin: ['org.read', 'user.read', 'user.manage', 'compliance.configure'],
  security_admin: ['org.read', 'user.read', 'grant.manage', 'policy.manage'],
  audit_admin: ['audit.read', 'audit.export'],
};

export function isRole(v: string): v is Role {
  return (roles as readonly string[]).includes(v);
}
