import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Select, Space, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import { PageHeader } from '../app/PageHeader';
import { errorMessage } from '../app/feedback';
import { severityLabels } from '../app/labels';
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
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: [...orgKeys.findings, filters, paging],
    queryFn: () => api.get<Page<OrgFinding>>('/api/v1/org-findings', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
  const update = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <>
      <PageHeader title="组织设置提示">
        <span style={{ color: 'rgba(0,0,0,.45)' }}>按《中国共产党支部工作条例（试行）》等规定检查组织设置和换届，仅作提示，不影响录入。</span>
      </PageHeader>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <OrgTreeSelect aria-label="党组织范围" value={filters.rootId} onChange={(rootId) => update({ rootId })} allowClear placeholder="全部党组织" style={{ width: 280 }} />
          <Select aria-label="问题类型" allowClear placeholder="问题类型" style={{ width: 200 }} onChange={(code?: string) => update({ code })}
            options={Object.entries(findingCodeLabels).map(([value, label]) => ({ value, label }))} />
          <Select aria-label="级别" allowClear placeholder="级别" style={{ width: 110 }} onChange={(severity?: string) => update({ severity })}
            options={[{ value: 'error', label: '严重' }, { value: 'warning', label: '提示' }]} />
        </Space>
        <Table<OrgFinding>
          rowKey={(r) => `${r.orgId}-${r.code}`}
          loading={list.isFetching}
          dataSource={list.data?.items}
          locale={{ emptyText: list.isError ? errorMessage(list.error) : '没有需要关注的问题' }}
          pagination={{
            current: paging.page, pageSize: paging.pageSize, total: list.data?.total, showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`, onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
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
