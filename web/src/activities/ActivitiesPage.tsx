import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, DatePicker, Select, Space, Table, Tag, Tooltip } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../app/api';
import { useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { errorMessage, useFeedback } from '../app/feedback';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { activityKeys, stateColors, stateLabels, useKinds, type ActivityItem, type ActivityState, type Page } from './activity-api';
import { formatWhen } from './format';

interface Filters {
  orgId?: number;
  kind?: string;
  state?: ActivityState;
  from?: string;
  to?: string;
}

/** 组织生活: the activities of the caller's organisations, newest first, with counts derived from attendance. */
export function ActivitiesPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const kinds = useKinds();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: activityKeys.list({ ...filters, ...paging }),
    queryFn: () => api.get<Page<ActivityItem>>('/api/v1/activities', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
  const update = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const exportXlsx = () => api.download('GET', '/api/v1/activities/export', { query: { ...filters }, fallbackName: '活动清单.xlsx' }).catch((e) => feedback.fail(e));

  return (
    <>
      <PageHeader
        title="组织生活"
        actions={(
          <>
            {can('activity.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/activities/new')}>新建活动</Button>}
            <Button icon={<DownloadOutlined />} onClick={exportXlsx}>导出 Excel</Button>
          </>
        )}
      />
      <Card>
        <Space wrap style={{ marginBottom: 12 }} role="search" aria-label="筛选活动">
          <OrgTreeSelect aria-label="党组织" value={filters.orgId} onChange={(orgId) => update({ orgId })} allowClear placeholder="全部党组织（含下级）" style={{ width: 260 }} />
          <Select aria-label="活动类型" allowClear placeholder="活动类型" style={{ width: 160 }} value={filters.kind} onChange={(kind?: string) => update({ kind })}
            options={kinds.data?.items.map((k) => ({ value: k.code, label: k.label }))} />
          <Select aria-label="状态" allowClear placeholder="状态" style={{ width: 110 }} value={filters.state} onChange={(state?: ActivityState) => update({ state })}
            options={Object.entries(stateLabels).map(([value, label]) => ({ value, label }))} />
          <DatePicker.RangePicker aria-label="日期范围" onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })} />
        </Space>
        <Table<ActivityItem>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items}
          locale={{ emptyText: list.error ? errorMessage(list.error) : '暂无活动' }}
          scroll={{ x: 1000 }}
          pagination={{ current: paging.page, pageSize: paging.pageSize, total: list.data?.total, showTotal: (n) => `共 ${n} 项`, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
          columns={[
            { title: '时间', dataIndex: 'startsAt', width: 150, render: (v: string) => formatWhen(v) },
            {
              title: '名称', dataIndex: 'title',
              render: (v: string, r) => (
                <Space size={4} wrap>
                  <Link to={`/activities/${r.id}`}>{v}</Link>
                  {r.backfilled && <Tooltip title="活动结束后超过规定天数才录入"><Tag color="volcano">补录</Tag></Tooltip>}
                  {r.revision > 1 && <Tag>已更正</Tag>}
                </Space>
              ),
            },
            { title: '类型', dataIndex: 'kindLabel', width: 130 },
            { title: '党组织', dataIndex: 'orgName', width: 200, ellipsis: true },
            { title: '应到/实到/缺席', width: 130, render: (_, r) => `${r.counts.expected} / ${r.counts.present} / ${r.counts.absent}${r.counts.guests ? `（列席${r.counts.guests}）` : ''}` },
            { title: '状态', dataIndex: 'state', width: 90, render: (s: ActivityState) => <Tag color={stateColors[s]}>{stateLabels[s]}</Tag> },
          ]}
        />
      </Card>
    </>
  );
}

