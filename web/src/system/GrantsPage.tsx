import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { roleLabels, roles, type Role } from '../../../server/platform/access/roles';
import { api, type Page } from '../app/api';
import { PageHeader } from '../app/PageHeader';
import { FormDialog } from '../app/FormDialog';
import { DateInput } from '../app/DateInput';
import { errorMessage, useFeedback } from '../app/feedback';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { userKeys, type Grant, type User } from './api';

interface GrantForm {
  role: Role;
  orgId: number;
  validFrom?: string | null;
  validTo?: string | null;
}

/** 角色授权 (security admin): a user's grants — role on an organisation's subtree, optionally time-limited. */
export function GrantsPage() {
  const qc = useQueryClient();
  const feedback = useFeedback();
  const { modal } = App.useApp();
  const [q, setQ] = useState('');
  const [user, setUser] = useState<User | null>(null);
  const [adding, setAdding] = useState(false);

  const users = useQuery({
    queryKey: [...userKeys.all, 'pick', q],
    queryFn: () => api.get<Page<User>>('/api/v1/users', { q: q || undefined, pageSize: 50 }),
  });
  const grants = useQuery({
    queryKey: userKeys.grants(user?.id ?? 0),
    queryFn: () => api.get<{ items: Grant[] }>(`/api/v1/users/${user!.id}/grants`),
    enabled: !!user,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: userKeys.all });
  const revoke = useMutation({
    mutationFn: (g: Grant) => api.delete(`/api/v1/grants/${g.id}`),
    onSuccess: () => { refresh(); feedback.success('已撤销授权'); },
    onError: (e) => feedback.fail(e),
  });

  return (
    <>
      <PageHeader title="角色授权" />
      <Card>
        <Form layout="inline" style={{ marginBottom: 16 }}>
          <Form.Item label="用户">
            <Select
              aria-label="选择用户"
              showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
              placeholder="输入用户名或姓名查找"
              style={{ width: 320 }}
              loading={users.isFetching}
              notFoundContent={users.isError ? errorMessage(users.error) : '没有匹配的用户'}
              value={user?.id}
              onChange={(id: number) => setUser(users.data?.items.find((u) => u.id === id) ?? null)}
              options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
            />
          </Form.Item>
          {user && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>添加授权</Button>}
        </Form>
        {!user ? <Empty description="请选择要授权的用户" /> : (
          <Table<Grant>
            rowKey="id"
            loading={grants.isFetching}
            dataSource={grants.data?.items}
            pagination={false}
            locale={{ emptyText: grants.isError ? errorMessage(grants.error) : '该用户还没有任何角色' }}
            columns={[
              { title: '角色', dataIndex: 'roleLabel' },
              { title: '党组织（含下级）', dataIndex: 'orgName', render: (v: string | null) => v ?? '—' },
              { title: '生效时间', dataIndex: 'validFrom', render: (v: string | null) => v?.slice(0, 10) ?? '立即' },
              { title: '有效期至', dataIndex: 'validTo', render: (v: string | null) => v?.slice(0, 10) ?? '长期' },
              { title: '状态', dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">有效</Tag> : <Tag>未生效或已过期</Tag>) },
              {
                title: '操作', key: 'op', width: 90,
                render: (_: unknown, g) => (
                  <Button type="link" size="small" danger onClick={() => modal.confirm({
                    title: `撤销“${g.roleLabel}”授权？`,
                    content: `${user.displayName}将立即失去该角色在${g.orgName ?? ''}的权限。`,
                    okText: '撤销', cancelText: '取消', okButtonProps: { danger: true },
                    onOk: () => revoke.mutateAsync(g),
                  })}
                  >
                    撤销
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>

      {adding && user && (
        <FormDialog<GrantForm>
          title={`为 ${user.displayName} 添加授权`}
          submit={(v) => api.post<Grant>('/api/v1/grants', { ...v, userId: user.id })}
          onSuccess={refresh}
          successText="已授权"
          onClose={() => setAdding(false)}
        >
          <Alert type="info" showIcon style={{ marginBottom: 16 }}
            title="系统管理员、安全管理员、安全审计员三个角色不能由同一人兼任，且不能与查看党员个人信息的角色兼任。" />
          <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={roles.map((r) => ({ value: r, label: roleLabels[r] }))} />
          </Form.Item>
          <Form.Item label="党组织" name="orgId" extra="授权覆盖该组织及其全部下级组织" rules={[{ required: true, message: '请选择党组织' }]}>
            <OrgTreeSelect />
          </Form.Item>
          <Form.Item label="生效日期" name="validFrom" extra="留空则立即生效"><DateInput /></Form.Item>
          <Form.Item label="有效期至" name="validTo" extra="交叉检查等临时授权请填写；留空为长期有效"><DateInput /></Form.Item>
        </FormDialog>
      )}
    </>
  );
}
