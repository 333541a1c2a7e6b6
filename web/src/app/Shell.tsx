import { useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { roleLabelsOf, useAuth } from './auth';
import { pages } from './routes';
import { navGroups } from './pages';
import { useSetupStatus } from '../system/setup';
import { NotificationBell } from '../notifications/NotificationBell';
import { PasswordForm } from '../auth/PasswordForm';
import './shell.css';

export function Shell({ children }: { children: ReactNode }) {
  const { me, setMe, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [navOpen, setNavOpen] = useState(false);
  // On a phone the navigation moves into a drawer behind a header button.
  const wide = Grid.useBreakpoint().lg ?? true;
  // 初始化 leaves the menu once done: the page list reads the status this keeps fresh.
  const setupNeeded = useSetupStatus(me).needed;

  const items = useMemo<MenuProps['items']>(() => {
    const visible = pages.filter((p) => p.menu && p.allow(me));
    return navGroups
      .map((g) => ({ group: g, entries: visible.filter((p) => p.menu!.group === g.key) }))
      .filter((x) => x.entries.length > 0)
      .map(({ group, entries }) => ({
        type: 'group' as const,
        key: group.key,
        label: group.label,
        children: entries.map((p) => ({ key: `/${p.path}`, icon: p.menu!.icon, label: p.menu!.label })),
      }));
  }, [me, setupNeeded]);

  // The longest menu path that starts the current location marks the entry (details sit below their list).
  const selected = useMemo(() => {
    const keys = pages.filter((p) => p.menu).map((p) => `/${p.path}`);
    const match = keys.filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
      .sort((a, b) => b.length - a.length)[0];
    return match ? [match] : [];
  }, [location.pathname]);

  const menu = <Menu mode="inline" items={items} selectedKeys={selected} onClick={(e) => { setNavOpen(false); navigate(e.key); }} />;
  const roles = roleLabelsOf(me);
  const accountMenu: MenuProps['items'] = [
    { key: 'password', label: '修改密码', onClick: () => setPasswordOpen(true) },
    { key: 'logout', label: '退出登录', icon: <LogoutOutlined />, onClick: () => void logout() },
  ];

  return (
    <Layout className="shell">
      <Layout.Header className="shell-header no-print">
        {!wide && <Button type="text" icon={<MenuOutlined />} aria-label="打开导航" className="shell-nav-button" onClick={() => setNavOpen(true)} />}
        <div className="shell-brand" onClick={() => navigate('/')} role="link" tabIndex={0}>
          <span className="shell-logo" aria-hidden>雁</span>
          <span>红雁 · 机关党建管理平台</span>
        </div>
        <Space size="middle" className="shell-user">
          <NotificationBell />
          <Space size={4} wrap={false}>
            {roles.slice(0, 2).map((r) => <Tag key={r} color="red" variant="outlined">{r}</Tag>)}
            {roles.length > 2 && (
              <Tooltip title={roles.slice(2).join('、')}><Tag>+{roles.length - 2}</Tag></Tooltip>
            )}
          </Space>
          <Dropdown menu={{ items: accountMenu }} trigger={['click']}>
            <Button type="text" aria-label={`账号：${me.displayName}`}>
              <Typography.Text strong>{me.displayName}</Typography.Text> <DownOutlined />
            </Button>
          </Dropdown>
          <Button type="text" icon={<LogoutOutlined />} aria-label="退出登录" onClick={() => void logout()}>{wide && '退出登录'}</Button>
        </Space>
      </Layout.Header>
      <Layout>
        {wide ? (
          <Layout.Sider width={200} theme="light" className="shell-sider no-print">
            <nav aria-label="主导航">{menu}</nav>
          </Layout.Sider>
        ) : (
          <Drawer placement="left" open={navOpen} onClose={() => setNavOpen(false)} size={240} title="导航" styles={{ body: { padding: 0 } }}>
            <nav aria-label="主导航">{menu}</nav>
          </Drawer>
        )}
        <Layout.Content className="shell-content">
          <main>{children}</main>
        </Layout.Content>
      </Layout>
      <Modal title="修改密码" open={passwordOpen} onCancel={() => setPasswordOpen(false)} footer={null} destroyOnHidden>
        <PasswordForm onDone={(next) => { setPasswordOpen(false); setMe(next); }} />
      </Modal>
    </Layout>
  );
}
