import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Select, Tag } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import { useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { FilterBar, SearchFilter, SelectFilter } from '../app/FilterBar';
import { PagedTable } from '../app/PagedTable';
import { useListFilters } from '../app/paging';
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
  const { filters, update, paging, setPaging } = useListFilters<MemberFilters>(
    () => ({ orgId: params.get('orgId') ? Number(params.get('orgId')) : undefined }), 20);
  const orgLabel = useOrgLabel(can('org.read'));

  const list = useQuery({
    queryKey: memberKeys.list(filters, paging.page, paging.pageSize),
    queryFn: () => api.get<Page<MemberListItem>>('/api/v1/members', { ...filterQuery(filters), ...paging }),
    placeholderData: keepPreviousData,
  });

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
        <FilterBar label="筛选党员">
          <SearchFilter label="搜索党员" placeholder="姓名 / 拼音首字母 / 身份证号后几位" width={340} onSearch={(q) => update({ q })} />
          <OrgTreeSelect aria-label="所在党组织" value={filters.orgId} onChange={(orgId) => update({ orgId })} allowClear placeholder="全部党组织" style={{ width: 260 }} />
          <SelectFilter label="党员类别" placeholder="党员类别" width={130} value={filters.status} onChange={(status) => update({ status })} options={options(memberStatusLabels)} />
          <SelectFilter label="台账" placeholder="台账" width={130} value={filters.ledger} onChange={(ledger) => update({ ledger })} options={options(ledgerLabels)} />
          <Select
            aria-label="在册状态"
            style={{ width: 120 }}
            value={filters.exited ?? 'false'}
            onChange={(exited: MemberFilters['exited']) => update({ exited })}
            options={[{ value: 'false', label: '在册党员' }, { value: 'true', label: '已离开' }, { value: 'all', label: '全部' }]}
          />
        </FilterBar>
        <PagedTable<MemberListItem> rowKey="id" size="middle" scroll={{ x: 1000 }} pagination={{ showSizeChanger: true, pageSizeOptions: [20, 50, 100] }}
          list={list} paging={paging} onPaging={setPaging} emptyText="没有符合条件的党员" unit="人"
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
