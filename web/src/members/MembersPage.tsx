import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import { useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { errorMessage } from '../app/feedback';
import { exitReasonLabels, genderLabels, labelOf, ledgerLabels, memberStatusLabels, options } from '../app/labels';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { useOrgLabel } from '../orgs/api';
import { filterQuery, memberKeys, type LedgerEntry, type MemberFilters, type MemberListItem } from './api';
import { ExportButtons } from './ExportButtons';
import { RevealButton } from './RevealButton';

/**
 * 党员名册. Filters live in the page's state, not the address: a search by name or ID suffix is personal data
 * and must not land in the browser history. Only the organisation (not personal) may come from the address.
 */
export function MembersPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<MemberFilters>(() => ({ orgId: params.get('orgId') ? Number(params.get('orgId')) : undefined }));
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const orgLabel = useOrgLabel(can('org.read'));

  const list = useQuery({
    queryKey: memberKeys.list(filters, paging.page, paging.pageSize),
    queryFn: () => api.get<Page<MemberListItem>>('/api/v1/members', { ...filterQuery(filters), ...paging }),
    placeholderData: keepPreviousData,
  });

  const update = (patch: Partial<MemberFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <>
      <PageHeader
        title="党员名册"
        actions={(
          <>
            {can('member.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/members/new')}>新增党员</Button>}
            {can('member.import') && <Button icon={<ImportOutlined />} onClick={() => navigate('/members/import')}>批量导入</Button>}
            {can('member.export') && <ExportButtons filters={filters} />}
          </>
        )}
      />
      <Card>
        <Space wrap style={{ marginBottom: 12 }} role="search" aria-label="筛选党员">
          <Input.Search
            aria-label="搜索党员"
            placeholder="姓名 / 拼音首字母 / 身份证号后几位"
            allowClear
            enterButton="搜索"
            style={{ width: 340 }}
            onSearch={(q) => update({ q: q.trim() || undefined })}
          />
          <OrgTreeSelect aria-label="所在党组织" value={filters.orgId} onChange={(orgId) => update({ orgId })} allowClear placeholder="全部党组织" style={{ width: 260 }} />
          <Select
            aria-label="党员类别"
            allowClear
            placeholder="党员类别"
            style={{ width: 130 }}
            value={filters.status}
            onChange={(status?: string) => update({ status })}
            options={options(memberStatusLabels)}
          />
          <Select
            aria-label="台账"
            allowClear
            placeholder="台账"
            style={{ width: 130 }}
            value={filters.ledger}
            onChange={(ledger?: string) => update({ ledger })}
            options={options(ledgerLabels)}
          />
          <Select
            aria-label="在册状态"
            style={{ width: 120 }}
            value={filters.exited ?? 'false'}
            onChange={(exited: MemberFilters['exited']) => update({ exited })}
            options={[{ value: 'false', label: '在册党员' }, { value: 'true', label: '已离开' }, { value: 'all', label: '全部' }]}
          />
        </Space>
        <Table<MemberListItem>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items}
          locale={{ emptyText: list.isError ? errorMessage(list.error) : '没有符合条件的党员' }}
          scroll={{ x: 1000 }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t} 人`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            {
              title: '姓名', dataIndex: 'name', width: 100, fixed: 'left',
              render: (name: string, m) => <Link to={`/members/${m.id}`}>{name}</Link>,
            },
            { title: '性别', dataIndex: 'gender', width: 60, render: (g: string) => labelOf(genderLabels, g) },
            { title: '所在党组织', dataIndex: 'orgName', ellipsis: true, render: (n: string, m) => orgLabel(m.orgId, n) },
            {
              title: '党员类别', dataIndex: 'status', width: 110,
              render: (s: string, m) => (m.exit
                ? <Tag>{labelOf(exitReasonLabels, m.exit.reason)}</Tag>
                : <Tag color={s === 'full' ? 'red' : 'orange'}>{labelOf(memberStatusLabels, s)}</Tag>),
            },
            { title: '身份证号', dataIndex: 'idNumber', width: 190, render: (v: string) => <span className="masked">{v}</span> },
            { title: '联系电话', dataIndex: 'phone', width: 130, render: (v: string | null) => <span className="masked">{v ?? ''}</span> },
            { title: '入党时间', dataIndex: 'joinedOn', width: 110 },
            {
              title: '台账', dataIndex: 'ledgers', width: 150,
              render: (ls: LedgerEntry[]) => ls.map((l) => <Tag key={l.ledger}>{labelOf(ledgerLabels, l.ledger)}</Tag>),
            },
            ...(can('member.reveal') ? [{
              title: '操作', key: 'actions', width: 64, fixed: 'right' as const, align: 'center' as const,
              render: (_: unknown, m: MemberListItem) => <RevealButton memberId={m.id} name={m.name} compact />,
            }] : []),
          ]}
        />
      </Card>
    </>
  );
}
