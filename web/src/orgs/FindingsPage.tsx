import { Link } from 'react-router';
import { Card, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import { PageHeader } from '../app/PageHeader';
import { FilterBar, SelectFilter } from '../app/FilterBar';
import { options, severityLabels } from '../app/labels';
import { PagedTable } from '../app/PagedTable';
import { useListFilters } from '../app/paging';
import { OrgTreeSelect } from './OrgTreeSelect';
import { orgKeys, type OrgFinding } from './api';

/** The rules the server checks (RULES.md §1, §9), for the filter. */
const findingCodeLabels: Record<string, string> = {
  branch_too_few_full_members: '正式党员不足 3 人',
  branch_too_large: '党员超过 50 人',
  branch_without_groups: '党员较多未划分党小组',
  branch_committee_required: '应设支部委员会',
  branch_committee_not_needed: '支委会设置不符',
  group_too_small: '党小组人数过少',
  group_without_full_member: '党小组无正式党员',
  term_ending: '任期即将届满',
  term_overdue: '任期已届满未换届',
  joint_branch_too_many_units: '联合党支部单位过多',
};

interface Filters {
  rootId?: number;
  code?: string;
  severity?: string;
}

/** 组织设置提示: every organisation in scope that breaks a setup rule, as advice rather than refusal. */
export function FindingsPage() {
  const { filters, update, paging, setPaging } = useListFilters<Filters>({}, 20);
  const list = useQuery({
    queryKey: [...orgKeys.findings, filters, paging],
    queryFn: () => api.get<Page<OrgFinding>>('/api/v1/org-findings', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader title="组织设置提示">
        <span style={{ color: 'rgba(0,0,0,.45)' }}>按《中国共产党支部工作条例（试行）》等规定检查组织设置和换届，仅作提示，不影响录入。</span>
      </PageHeader>
      <Card>
        <FilterBar label="筛选问题">
          <OrgTreeSelect aria-label="党组织范围" value={filters.rootId} onChange={(rootId) => update({ rootId })} allowClear placeholder="全部党组织" style={{ width: 280 }} />
          <SelectFilter label="问题类型" placeholder="问题类型" width={200} value={filters.code} onChange={(code) => update({ code })} options={options(findingCodeLabels)} />
          <SelectFilter label="级别" placeholder="级别" width={110} value={filters.severity} onChange={(severity) => update({ severity })}
            options={[{ value: 'error', label: '严重' }, { value: 'warning', label: '提示' }]} />
        </FilterBar>
        <PagedTable<OrgFinding> rowKey={(r) => `${r.orgId}-${r.code}`}
          list={list} paging={paging} onPaging={setPaging} emptyText="没有需要关注的问题" unit="条" pagination={{ showSizeChanger: true }}
          columns={[
            { title: '党组织', dataIndex: 'orgName', width: 260, render: (v: string, r) => <Link to={`/orgs/${r.orgId}`}>{v}</Link> },
            {
              title: '级别', dataIndex: 'severity', width: 80,
              render: (s: string) => <Tag color={severityLabels[s]?.color}>{severityLabels[s]?.text ?? s}</Tag>,
            },
            { title: '类型', dataIndex: 'code', width: 180, render: (c: string) => findingCodeLabels[c] ?? c },
            { title: '说明', dataIndex: 'message' },
          ]}
        />
      </Card>
    </>
  );
}
