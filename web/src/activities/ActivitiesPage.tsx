import { Link, useNavigate } from 'react-router';
import { Button, Card, DatePicker, Space, Tag, Tooltip } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../app/api';
import { useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { useFeedback } from '../app/feedback';
import { FilterBar, SelectFilter } from '../app/FilterBar';
import { options } from '../app/labels';
import { PagedTable } from '../app/PagedTable';
import { useListFilters } from '../app/paging';
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
  const { filters, update, paging, setPaging } = useListFilters<Filters>({}, 20);
  const list = useQuery({
    queryKey: activityKeys.list({ ...filters, ...paging }),
    queryFn: () => api.get<Page<ActivityItem>>('/api/v1/activities', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
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
        <FilterBar label="筛选活动">
          <OrgTreeSelect aria-label="党组织" value={filters.orgId} onChange={(orgId) => update({ orgId })} allowClear placeholder="全部党组织（含下级）" style={{ width: 260 }} />
          <SelectFilter label="活动类型" placeholder="活动类型" width={160} value={filters.kind} onChange={(kind) => update({ kind })}
            options={kinds.data?.items.map((k) => ({ value: k.code, label: k.label }))} />
          <SelectFilter<ActivityState> label="状态" placeholder="状态" width={110} value={filters.state} onChange={(state) => update({ state })} options={options(stateLabels)} />
          <DatePicker.RangePicker aria-label="日期范围" onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })} />
        </FilterBar>
        <PagedTable<ActivityItem> rowKey="id" size="middle" scroll={{ x: 1000 }}
          list={list} paging={paging} onPaging={setPaging} emptyText="暂无活动" unit="项"
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

