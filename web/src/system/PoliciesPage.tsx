import { useMemo } from 'react';
import { Alert, Button, Card, Col, Form, InputNumber, Result, Row, Select, Skeleton, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminRoles, roleLabels, rolePermissions, roles, type Permission, type Role } from '../../../server/platform/access/roles';
import { api } from '../app/api';
import { PageHeader } from '../app/PageHeader';
import { errorMessage, useFeedback } from '../app/feedback';

interface Policies {
  passwordMinLength: number;
  adminPasswordMinLength: number;
  passwordMaxAgeDays: number;
  passwordHistory: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleTimeoutMinutes: number;
  adminIdleTimeoutMinutes: number;
  absoluteTimeoutHours: number;
  veteranMinPartyYears: number;
  permissionRoles: Partial<Record<Permission, Role[]>>;
  version: number;
}
type NumberKey = Exclude<keyof Policies, 'permissionRoles' | 'version'>;

/** The numeric settings, in the server's ranges, grouped as the page shows them. */
const numberFields: { title: string; fields: { key: NumberKey; label: string; min: number; max: number; unit?: string }[] }[] = [
  {
    title: '密码',
    fields: [
      { key: 'passwordMinLength', label: '密码最短长度', min: 8, max: 64, unit: '位' },
      { key: 'adminPasswordMinLength', label: '管理员密码最短长度', min: 12, max: 64, unit: '位' },
      { key: 'passwordMaxAgeDays', label: '密码最长使用天数（0 为不限）', min: 0, max: 3650, unit: '天' },
      { key: 'passwordHistory', label: '不得重复使用的历史密码个数', min: 1, max: 24, unit: '个' },
    ],
  },
  {
    title: '登录与会话',
    fields: [
      { key: 'lockoutThreshold', label: '连续登录失败锁定次数', min: 3, max: 20, unit: '次' },
      { key: 'lockoutMinutes', label: '锁定时长', min: 1, max: 1440, unit: '分钟' },
      { key: 'idleTimeoutMinutes', label: '会话空闲超时', min: 5, max: 120, unit: '分钟' },
      { key: 'adminIdleTimeoutMinutes', label: '管理员会话空闲超时', min: 5, max: 60, unit: '分钟' },
      { key: 'absoluteTimeoutHours', label: '会话最长时长', min: 1, max: 24, unit: '小时' },
    ],
  },
  {
    title: '台账规则',
    fields: [{ key: 'veteranMinPartyYears', label: '老党员台账党龄下限', min: 1, max: 100, unit: '年' }],
  },
];

/** Permissions whose holders the security admin may change; the administrators' own stay fixed (三员分立). */
const adjustable: { permission: Permission; label: string }[] = [
  { permission: 'member.reveal', label: '查看完整身份证号和电话' },
  { permission: 'member.export', label: '导出党员名册' },
  { permission: 'member.import', label: '导入党员名册' },
  { permission: 'member.write', label: '维护党员信息' },
  { permission: 'member.read', label: '查看党员名册' },
  { permission: 'account.manage', label: '为党员开设和重置账号' },
  { permission: 'org.write', label: '维护组织信息' },
  { permission: 'org.read', label: '查看组织' },
];

const defaultHolders = (p: Permission) => roles.filter((r) => rolePermissions[r].includes(p));
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
// Personal data never goes to an administrator; the server refuses it too.
const roleOptions = roles.filter((r) => !adminRoles.includes(r)).map((r) => ({ value: r, label: roleLabels[r] }));

type FormValues = Omit<Policies, 'permissionRoles' | 'version'> & { holders: Record<string, Role[]> };

/** 安全策略 (security admin). */
export function PoliciesPage() {
  const qc = useQueryClient();
  const feedback = useFeedback();
  const [form] = Form.useForm<FormValues>();
  const policies = useQuery({ queryKey: ['policies'], queryFn: () => api.get<Policies>('/api/v1/policies') });

  const initial = useMemo<FormValues | undefined>(() => {
    if (!policies.data) return undefined;
    const { permissionRoles, version: _version, ...numbers } = policies.data;
    const holders = Object.fromEntries(adjustable.map(({ permission }) => [permission, permissionRoles[permission] ?? defaultHolders(permission)]));
    return { ...numbers, holders };
  }, [policies.data]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const { holders, ...numbers } = v;
      // Only what differs from the built-in table is stored as an override.
      const permissionRoles = Object.fromEntries(
        adjustable.map(({ permission }) => [permission, holders[permission]] as const)
          .filter(([p, rs]) => !sameSet(rs, defaultHolders(p))),
      );
      return api.patch<Policies>('/api/v1/policies', { ...numbers, permissionRoles, version: policies.data!.version });
    },
    onSuccess: (p) => { qc.setQueryData(['policies'], p); feedback.success('安全策略已保存'); },
    onError: (e) => feedback.fail(e, { form, onReload: () => void qc.invalidateQueries({ queryKey: ['policies'] }) }),
  });

  if (policies.isLoading) return <Card><Skeleton active /></Card>;
  if (policies.isError) return <Result status="warning" title={errorMessage(policies.error)} />;

  return (
    <>
      <PageHeader title="安全策略" actions={<Button type="primary" loading={save.isPending} onClick={() => form.submit()}>保存</Button>} />
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} key={policies.data?.version}>
        {numberFields.map((group) => (
          <Card key={group.title} title={group.title} size="small" style={{ marginBottom: 16 }}>
            <Row gutter={24}>
              {group.fields.map((f) => (
                <Col key={f.key} xs={24} md={12} xl={8}>
                  <Form.Item label={f.label} name={f.key} rules={[{ required: true, message: `请填写${f.label}` }]}>
                    <InputNumber min={f.min} max={f.max} precision={0} suffix={f.unit} style={{ width: 200 }} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Card>
        ))}
        <Card title="权限与角色" size="small">
          <Alert type="info" showIcon style={{ marginBottom: 12 }}
            title="可调整哪些角色拥有下列权限（在其授权的组织范围内）。系统管理员、安全管理员、安全审计员的权限固定，不能获得党员个人信息相关权限。" />
          <Table
            size="small"
            pagination={false}
            rowKey="permission"
            dataSource={adjustable}
            columns={[
              { title: '权限', dataIndex: 'label', width: 220 },
              {
                title: '拥有该权限的角色', key: 'roles',
                render: (_: unknown, row) => (
                  <Form.Item name={['holders', row.permission]} style={{ margin: 0 }}>
                    <Select mode="multiple" options={roleOptions} aria-label={`${row.label}的角色`} />
                  </Form.Item>
                ),
              },
            ]}
          />
        </Card>
      </Form>
    </>
  );
}
