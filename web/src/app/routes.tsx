import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Button, Result, Spin } from 'antd';
import {
  ApartmentOutlined, AuditOutlined, BellOutlined, FileSearchOutlined, IdcardOutlined, ImportOutlined,
  KeyOutlined, SafetyCertificateOutlined, TeamOutlined, UserOutlined, UserSwitchOutlined,
  FileTextOutlined, FileDoneOutlined, ProfileOutlined, GlobalOutlined,
} from '@ant-design/icons';
import { ArticlesPage } from '../portal/ArticlesPage';
import { ColumnsPage } from '../portal/ColumnsPage';
import { SiteSettingsPage } from '../portal/SiteSettingsPage';
import { useAuth } from './auth';
import { has, type PageDef } from './pages';
import { activityPages } from '../activities/activity-pages';
import { compliancePages } from '../activities/compliance-pages';
import { trainingPages } from '../activities/training-pages';
import { workItemPages } from '../workitems/workitem-pages';
import { oversightPages } from '../workitems/oversight-pages';
import { dutyPages } from '../workitems/duty-pages';
import { OrgsPage } from '../orgs/OrgsPage';
import { FindingsPage } from '../orgs/FindingsPage';
import { MembersPage } from '../members/MembersPage';
import { MemberDetailPage } from '../members/MemberDetailPage';
import { MemberCreatePage } from '../members/MemberCreatePage';
import { ImportWizard } from '../members/ImportWizard';
import { AccountsPage } from '../system/AccountsPage';
import { UsersPage } from '../system/UsersPage';
import { GrantsPage } from '../system/GrantsPage';
import { PoliciesPage } from '../system/PoliciesPage';
import { SetupPage } from '../system/SetupPage';
import { setupNeeded, useSetupStatus } from '../system/setup';
import { ToolOutlined } from '@ant-design/icons';
import { AuditPage } from '../audit/AuditPage';
import { NotificationsPage } from '../notifications/NotificationsPage';
import { MyProfilePage } from '../me/MyProfilePage';


// The rich-text editor (ProseMirror) is most of the portal's weight: loaded when an article is opened.
const ArticleEditPage = lazy(() => import('../portal/ArticleEditPage').then((m) => ({ default: m.ArticleEditPage })));
const articleEditor = <Suspense fallback={<Spin size="large" />}><ArticleEditPage /></Suspense>;

/** In order of preference for the start page: the first the user may open is where they land. */
export const pages: PageDef[] = [
  { path: 'system/setup', element: <SetupPage />, allow: (me) => has('user.manage')(me) && setupNeeded(), menu: { group: 'system', label: '初始化', icon: <ToolOutlined /> } },
  { path: 'members', element: <MembersPage />, allow: has('member.read'), menu: { group: 'members', label: '党员名册', icon: <TeamOutlined /> } },
  { path: 'orgs', element: <OrgsPage />, allow: has('org.read'), menu: { group: 'orgs', label: '组织架构', icon: <ApartmentOutlined /> } },
  { path: 'orgs/:id', element: <OrgsPage />, allow: has('org.read') },
  { path: 'org-findings', element: <FindingsPage />, allow: has('org.read'), menu: { group: 'building', label: '组织设置提示', icon: <FileSearchOutlined /> } },
  { path: 'members/new', element: <MemberCreatePage />, allow: has('member.write') },
  { path: 'members/import', element: <ImportWizard />, allow: has('member.import'), menu: { group: 'members', label: '名册导入', icon: <ImportOutlined /> } },
  { path: 'members/:id', element: <MemberDetailPage />, allow: has('member.read') },
  { path: 'accounts', element: <AccountsPage />, allow: has('account.manage'), menu: { group: 'members', label: '党员账号', icon: <IdcardOutlined /> } },
  { path: 'system/users', element: <UsersPage />, allow: has('user.manage'), menu: { group: 'system', label: '用户管理', icon: <UserSwitchOutlined /> } },
  { path: 'system/grants', element: <GrantsPage />, allow: has('grant.manage'), menu: { group: 'system', label: '角色授权', icon: <KeyOutlined /> } },
  { path: 'system/policies', element: <PoliciesPage />, allow: has('policy.manage'), menu: { group: 'system', label: '安全策略', icon: <SafetyCertificateOutlined /> } },
  { path: 'audit', element: <AuditPage />, allow: has('audit.read'), menu: { group: 'system', label: '审计日志', icon: <AuditOutlined /> } },
  { path: 'portal/articles', element: <ArticlesPage />, allow: has('portal.write'), menu: { group: 'portal', label: '文章管理', icon: <FileTextOutlined /> } },
  { path: 'portal/articles/new', element: articleEditor, allow: has('portal.write') },
  { path: 'portal/articles/:id', element: articleEditor, allow: (me) => has('portal.write')(me) || has('portal.review')(me) },
  { path: 'portal/review', element: <ArticlesPage key="queue" queue />, allow: has('portal.review'), menu: { group: 'portal', label: '审核队列', icon: <FileDoneOutlined /> } },
  { path: 'portal/columns', element: <ColumnsPage />, allow: has('portal.review'), menu: { group: 'portal', label: '栏目管理', icon: <ProfileOutlined /> } },
  { path: 'portal/settings', element: <SiteSettingsPage />, allow: has('portal.review'), menu: { group: 'portal', label: '网站设置', icon: <GlobalOutlined /> } },
  { path: 'me', element: <MyProfilePage />, allow: (me) => me.memberId !== null, menu: { group: 'self', label: '我的信息', icon: <UserOutlined /> } },
  { path: 'notifications', element: <NotificationsPage />, allow: () => true, menu: { group: 'self', label: '消息通知', icon: <BellOutlined /> } },
  ...activityPages,
  ...compliancePages,
  ...trainingPages,
  ...workItemPages,
  ...dutyPages,
  ...oversightPages,
];

export function AppRoutes() {
  const { me } = useAuth();
  // The start page of an installation waiting for its initialisation is 初始化: wait for that answer.
  const setup = useSetupStatus(me);
  if (!setup.settled) return null;
  const allowed = pages.filter((p) => p.allow(me));
  const home = allowed.find((p) => p.menu)?.path ?? 'notifications';
  return (
    <Routes>
      <Route index element={<Navigate to={`/${home}`} replace />} />
      {allowed.map((p) => <Route key={p.path} path={p.path} element={p.element} />)}
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function NotFound() {
  return (
    <Result
      status="404"
      title="页面不存在或无权访问"
      extra={<Button type="primary" href="/admin/">返回首页</Button>}
    />
  );
}
