import { useState } from 'react';
import { App, Button, Card, Form, Input, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { roleLabels, type Role } from '../../../server/platform/access/roles';
import { api, type Page } from '../app/api';
import { PageHeader } from '../app/PageHeader';
import { FormDialog } from '../app/FormDialog';
import { formatInstant } from '../app/DateInput';
import { useFeedback } from '../app/feedback';
import { FilterBar, SearchFilter, SelectFilter } from '../app/FilterBar';
import { PagedTable } from '../app/PagedTable';
import { useListFilters } from '../app/paging';
import { userKeys, type IssuedPassword, type User } from './api';
import { OneTimePasswordModal } from './OneTimePassword';

function userStatus(u: User) {
  if (u.disabled) return <Tag>已停用</Tag>;
  if (u.lockedUntil && u.lockedUntil > new Date().toISOString()) return <Tag color="red">已锁定</Tag>;
  if (u.mustChangePassword) return <Tag color="orange">待改初始密码</Tag>;
  return <Tag color="green">正常</Tag>;
}

/** 用户管理 (system admin): accounts, their state, one-time passwords. Roles are the security admin's. */
export function UsersPage() {
  const qc = useQueryClient();
  const feedback = useFeedback();
  const { modal } = App.useApp();
  const { filters, update, paging, setPaging } = useListFilters<{ q?: string; disabled?: 'true' | 'false' }>({}, 20);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);

  const list = useQuery({
    queryKey: [...userKeys.all, filters, paging],
    queryFn: () => api.get<Page<User>>('/api/v1/users', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: userKeys.all });

  const toggle = useMutation({
    mutationFn: (u: User) => api.patch<User>(`/api/v1/users/${u.id}`, { version: u.version, disabled: !u.disabled }),
    onSuccess: (u) => { refresh(); feedback.success(u.disabled ? '已停用，该用户的会话已结束' : '已启用'); },
    onError: (e) => feedback.fail(e, { onReload: refresh }),
  });
  const reset = useMutation({
    mutationFn: (u: User) => api.post<IssuedPassword>(`/api/v1/users/${u.id}/reset-password`),
    onSuccess: (r) => { refresh(); setIssued(r); },
    onError: (e) => feedback.fail(e),
  });

  const confirm = (title: string, content: string, onOk: () => void, danger = false) => modal.confirm({
    title, content, onOk, okText: '确定', cancelText: '取消', okButtonProps: { danger },
  });

  return (
    <>
      <PageHeader title="用户管理" actions={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建用户</Button>} />
      <Card>
        <FilterBar label="筛选用户">
          <SearchFilter label="搜索用户" placeholder="用户名 / 姓名" width={280} onSearch={(q) => update({ q })} />
          <SelectFilter<'true' | 'false'> label="账号状态" placeholder="账号状态" width={130} value={filters.disabled} onChange={(disabled) => update({ disabled })}
            options={[{ value: 'false', label: '启用中' }, { value: 'true', label: '已停用' }]} />
        </FilterBar>
        <PagedTable<User> rowKey="id"
          list={list} paging={paging} onPaging={setPaging} emptyText="没有用户" unit="个" pagination={{ showSizeChanger: true }}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '姓名', dataIndex: 'displayName' },
            {
              title: '角色', dataIndex: 'roles',
              render: (rs: string[]) => rs.map((r) => <Tag key={r}>{roleLabels[r as Role] ?? r}</Tag>),
            },
            { title: '状态', key: 'status', render: (_: unknown, u) => userStatus(u) },
            { title: '双因素', dataIndex: 'totpEnabled', width: 80, render: (v: boolean) => (v ? '已启用' : '—') },
            { title: '最近登录', dataIndex: 'lastLoginAt', width: 170, render: formatInstant },
            {
              title: '操作', key: 'actions', width: 170,
              render: (_: unknown, u) => (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    danger={!u.disabled}
                    onClick={() => confirm(
                      u.disabled ? `启用 ${u.username}？` : `停用 ${u.username}？`,
                      u.disabled ? '启用后该用户可以重新登录。' : '停用后该用户立即退出登录，且不能再登录。',
                      () => toggle.mutate(u),
                      !u.disabled,
                    )}
                  >
                    {u.disabled ? '启用' : '停用'}
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => confirm(`重置 ${u.username} 的密码？`, '将生成一次性密码，原密码立即失效。', () => reset.mutate(u))}
                  >
                    重置密码
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      {creating && (
        <FormDialog<{ username: string; displayName: string }, IssuedPassword>
          title="新建用户"
          submit={(v) => api.post<IssuedPassword>('/api/v1/users', v)}
          onSuccess={(r) => { refresh(); setIssued(r); }}
          onClose={() => setCreating(false)}
        >
          <Form.Item label="用户名" name="username" extra="3–32 位小写字母、数字或 _ . -，以字母开头" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
            <Input />
          </Form.Item>
          <p style={{ color: 'rgba(0,0,0,.45)' }}>角色由安全管理员在“角色授权”中分配。</p>
        </FormDialog>
      )}
      {issued && (
        <OneTimePasswordModal
          username={issued.user.username}
          displayName={issued.user.displayName}
          password={issued.oneTimePassword}
          expiresAt={issued.expiresAt}
          onClose={() => setIssued(null)}
        />
      )}
    </>
  );
}
