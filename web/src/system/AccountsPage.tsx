import { useState } from 'react';
import { Alert, Button, Card, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import { formatInstant } from '../app/DateInput';
import { PageHeader } from '../app/PageHeader';
import { errorMessage, useFeedback } from '../app/feedback';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { useOrgLabel } from '../orgs/api';
import type { AccountSheetRow, MemberAccount } from './api';
import { AccountSheet, type SkippedMember } from './AccountSheet';

interface Filters {
  q?: string;
  orgId?: number;
  hasAccount?: 'true' | 'false';
}

/** What the sheet shows: accounts just opened, or one account whose password was just reset. */
type Sheet = { kind: 'created'; items: AccountSheetRow[]; skipped: SkippedMember[] } | { kind: 'reset'; items: AccountSheetRow[] };

const memberAccountKeys = { all: ['member-accounts'] as const };

/**
 * 党员账号: the members of the caller's scope with the state of their accounts. A secretary opens accounts
 * for those without one in a single go, and resets the password of one who has forgotten it; either way the
 * answer is a sheet of one-time passwords to print and hand out, kept only in this page's memory.
 */
export function AccountsPage() {
  const feedback = useFeedback();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const [selected, setSelected] = useState<number[]>([]);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const orgLabel = useOrgLabel();

  const list = useQuery({
    queryKey: [...memberAccountKeys.all, filters, paging],
    queryFn: () => api.get<Page<MemberAccount>>('/api/v1/member-accounts', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: memberAccountKeys.all });
  const create = useMutation({
    mutationFn: (memberIds: number[]) => api.post<{ items: AccountSheetRow[]; skipped: SkippedMember[] }>('/api/v1/member-accounts', { memberIds }),
    onSuccess: (r) => { setSheet({ kind: 'created', ...r }); setSelected([]); refresh(); },
    onError: (e) => feedback.fail(e),
  });
  const reset = useMutation({
    mutationFn: (userId: number) => api.post<AccountSheetRow>(`/api/v1/member-accounts/${userId}/reset`),
    onSuccess: (row) => { setSheet({ kind: 'reset', items: [row] }); refresh(); },
    onError: (e) => feedback.fail(e),
  });

  if (sheet) {
    return sheet.kind === 'created'
      ? <AccountSheet rows={sheet.items} skipped={sheet.skipped} onBack={() => setSheet(null)} />
      : <AccountSheet rows={sheet.items} skipped={[]} onBack={() => setSheet(null)}
        notice={`已重置 ${sheet.items[0].memberName} 的密码，原密码已失效。一次性密码只显示这一次，离开本页后无法再次查看，请立即打印或当面告知。`} />;
  }

  const update = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <>
      <PageHeader
        title="党员账号"
        actions={(
          <Button type="primary" disabled={selected.length === 0} loading={create.isPending} onClick={() => create.mutate(selected)}>
            为所选党员开设账号{selected.length ? `（${selected.length}）` : ''}
          </Button>
        )}
      />
      <Card>
        <Alert type="info" showIcon style={{ marginBottom: 12 }}
          title="勾选尚未开设账号的党员后开设账号：用户名按姓名拼音生成，每人一个一次性密码（首次登录须修改）。党员忘记密码时，点“重置密码”生成新的一次性密码。账号单只显示一次，请当场打印。" />
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search aria-label="搜索党员" placeholder="姓名 / 拼音首字母" allowClear enterButton="搜索" style={{ width: 300 }}
            onSearch={(q) => update({ q: q.trim() || undefined })} />
          <OrgTreeSelect aria-label="所在党组织" value={filters.orgId} onChange={(orgId) => update({ orgId })} allowClear placeholder="全部党组织" style={{ width: 260 }} />
          <Select<'true' | 'false'> aria-label="账号情况" allowClear placeholder="全部账号情况" style={{ width: 150 }} value={filters.hasAccount}
            onChange={(hasAccount) => update({ hasAccount })}
            options={[{ value: 'false', label: '未开设账号' }, { value: 'true', label: '已开设账号' }]} />
        </Space>
        <Table<MemberAccount>
          rowKey="memberId"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items}
          scroll={{ x: 760 }}
          locale={{ emptyText: list.isError ? errorMessage(list.error) : '没有符合条件的党员' }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(Number)),
            preserveSelectedRowKeys: true,
            getCheckboxProps: (m) => ({ disabled: m.userId !== null, 'aria-label': `选择${m.memberName}` }),
          }}
          pagination={{
            current: paging.page, pageSize: paging.pageSize, total: list.data?.total, showSizeChanger: true,
            pageSizeOptions: [50, 100, 200], showTotal: (t) => `共 ${t} 人`, onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            { title: '姓名', dataIndex: 'memberName', width: 100 },
            { title: '所在党组织', dataIndex: 'orgName', ellipsis: true, render: (n: string, m) => orgLabel(m.orgId, n) },
            { title: '用户名', dataIndex: 'username', width: 150, render: (u: string | null) => u ?? <Tag>未开设</Tag> },
            { title: '账号状态', key: 'state', width: 240, render: (_: unknown, m) => <AccountState account={m} /> },
            {
              title: '操作', key: 'actions', width: 110, fixed: 'right',
              render: (_: unknown, m) => m.userId !== null && (
                <Popconfirm
                  title={`重置${m.memberName}的密码？`}
                  description="原密码立即失效，并生成一个新的一次性密码。"
                  okText="重置" cancelText="取消"
                  onConfirm={() => reset.mutate(m.userId!)}
                >
                  <Button size="small" loading={reset.isPending && reset.variables === m.userId} aria-label={`重置${m.memberName}的密码`}>重置密码</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}

function AccountState({ account }: { account: MemberAccount }) {
  if (account.userId === null) return null;
  if (account.disabled) return <Tag color="default">已停用</Tag>;
  return account.lastLoginAt
    ? <span><Tag color="green">正常</Tag>最近登录 {formatInstant(account.lastLoginAt)}</span>
    : <span><Tag color="blue">正常</Tag>尚未登录</span>;
}
