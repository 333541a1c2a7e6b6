import { useState } from 'react';
import { Alert, Button, Card, Popconfirm, Tag } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import { formatInstant } from '../app/DateInput';
import { PageHeader } from '../app/PageHeader';
import { useFeedback } from '../app/feedback';
import { FilterBar, SearchFilter, SelectFilter } from '../app/FilterBar';
import { PagedTable } from '../app/PagedTable';
import { useListFilters } from '../app/paging';
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
  const { filters, update, paging, setPaging } = useListFilters<Filters>({}, 50);
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
        <FilterBar label="筛选党员">
          <SearchFilter label="搜索党员" placeholder="姓名 / 拼音首字母" width={300} onSearch={(q) => update({ q })} />
          <OrgTreeSelect aria-label="所在党组织" value={filters.orgId} onChange={(orgId) => update({ orgId })} allowClear placeholder="全部党组织" style={{ width: 260 }} />
          <SelectFilter<'true' | 'false'> label="账号情况" placeholder="全部账号情况" width={150} value={filters.hasAccount}
            onChange={(hasAccount) => update({ hasAccount })}
            options={[{ value: 'false', label: '未开设账号' }, { value: 'true', label: '已开设账号' }]} />
        </FilterBar>
        <PagedTable<MemberAccount> rowKey="memberId" size="small" scroll={{ x: 760 }} pagination={{ showSizeChanger: true, pageSizeOptions: [50, 100, 200] }}
          list={list} paging={paging} onPaging={setPaging} emptyText="没有符合条件的党员" unit="人"
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(Number)),
            preserveSelectedRowKeys: true,
            getCheckboxProps: (m) => ({ disabled: m.userId !== null, 'aria-label': `选择${m.memberName}` }),
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
