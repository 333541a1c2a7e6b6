import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Table } from 'antd';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import { PageHeader } from '../app/PageHeader';
import { errorMessage, useFeedback } from '../app/feedback';
import { labelOf, memberStatusLabels } from '../app/labels';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { useOrgLabel } from '../orgs/api';
import { filterQuery, type MemberFilters, type MemberListItem } from '../members/api';
import type { AccountSheetRow } from './api';
import { AccountSheet, type SkippedMember } from './AccountSheet';

interface CreatedAccounts {
  items: AccountSheetRow[];
  skipped: SkippedMember[];
}

/**
 * 党员账号: a secretary picks members of the roster and opens their accounts in one go; the answer is a
 * sheet of one-time passwords to print and hand out. The sheet lives only in this page's memory.
 */
export function AccountsPage() {
  const feedback = useFeedback();
  const [filters, setFilters] = useState<MemberFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const [selected, setSelected] = useState<number[]>([]);
  const [sheet, setSheet] = useState<CreatedAccounts | null>(null);
  const orgLabel = useOrgLabel();

  const list = useQuery({
    queryKey: ['members', 'accounts', filters, paging],
    queryFn: () => api.get<Page<MemberListItem>>('/api/v1/members', { ...filterQuery(filters), ...paging }),
    placeholderData: keepPreviousData,
  });
  const create = useMutation({
    mutationFn: (memberIds: number[]) => api.post<CreatedAccounts>('/api/v1/member-accounts', { memberIds }),
    onSuccess: (r) => { setSheet(r); setSelected([]); },
    onError: (e) => feedback.fail(e),
  });

  if (sheet) return <AccountSheet rows={sheet.items} skipped={sheet.skipped} onBack={() => setSheet(null)} />;

  const update = (patch: Partial<MemberFilters>) => {
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
          title="勾选党员后开设账号：用户名按姓名拼音生成，每人一个一次性密码（首次登录须修改）。已有账号的党员会被跳过。账号单只显示一次，请当场打印。" />
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search aria-label="搜索党员" placeholder="姓名 / 拼音首字母" allowClear enterButton="搜索" style={{ width: 300 }}
            onSearch={(q) => update({ q: q.trim() || undefined })} />
          <OrgTreeSelect aria-label="所在党组织" value={filters.orgId} onChange={(orgId) => update({ orgId })} allowClear placeholder="全部党组织" style={{ width: 260 }} />
        </Space>
        <Table<MemberListItem>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items}
          locale={{ emptyText: list.isError ? errorMessage(list.error) : '没有符合条件的党员' }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)), preserveSelectedRowKeys: true }}
          pagination={{
            current: paging.page, pageSize: paging.pageSize, total: list.data?.total, showSizeChanger: true,
            pageSizeOptions: [50, 100, 200], showTotal: (t) => `共 ${t} 人`, onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '所在党组织', dataIndex: 'orgName', render: (n: string, m) => orgLabel(m.orgId, n) },
            { title: '党员类别', dataIndex: 'status', render: (s: string) => labelOf(memberStatusLabels, s) },
            { title: '联系电话', dataIndex: 'phone', render: (v: string | null) => <span className="masked">{v ?? ''}</span> },
          ]}
        />
      </Card>
    </>
  );
}
