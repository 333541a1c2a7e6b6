import { useState } from 'react';
import { Link } from 'react-router';
import { Calendar, Card, Col, Row, Select, Space, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../app/api';
import { Chart } from '../app/Chart';
import { PageHeader } from '../app/PageHeader';
import { errorMessage } from '../app/feedback';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import {
  percent, sourceLabel, sourceLabels, stateLabels, workItemKeys, type Board, type MonthCalendar, type Tally, type WorkItemState,
} from './api';
import './workitems.css';

const shownStates: WorkItemState[] = ['assigned', 'in_progress', 'submitted', 'returned', 'signed_off'];

const tallyColumns = [
  ...shownStates.map((s) => ({ title: stateLabels[s], key: s, width: 72, align: 'right' as const, render: (_: unknown, t: Tally) => t.counts[s] })),
  { title: '逾期', dataIndex: 'overdue', width: 64, align: 'right' as const },
  { title: '销号率', dataIndex: 'closeRate', width: 80, align: 'right' as const, render: percent },
  { title: '按时率', dataIndex: 'onTimeRate', width: 80, align: 'right' as const, render: percent },
  { title: '平均办结天数', dataIndex: 'avgDaysToClose', width: 110, align: 'right' as const, render: (v: number | null) => v ?? '—' },
];

/** 督办看板: the committee's view of every item in scope, by source and organisation, with the month's deadlines. */
export function BoardPage() {
  const [filters, setFilters] = useState<{ orgId?: number; source?: string }>({});
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const board = useQuery({ queryKey: workItemKeys.board(filters), queryFn: () => api.get<Board>('/api/v1/work-items/board', filters) });
  const calendar = useQuery({
    queryKey: workItemKeys.calendar({ ...filters, month }),
    queryFn: () => api.get<MonthCalendar>('/api/v1/work-items/calendar', { ...filters, month }),
  });
  const byDate = new Map((calendar.data?.days ?? []).map((d) => [d.date, d]));
  const t = board.data?.total;
  const days = Array.from({ length: dayjs(`${month}-01`).daysInMonth() }, (_, i) => dayjs(`${month}-01`).add(i, 'day').format('YYYY-MM-DD'));
  const series = (name: string, value: (d: Tally) => number, color: string) => ({
    name, type: 'bar' as const, stack: 'items', color, data: days.map((d) => (byDate.get(d) ? value(byDate.get(d)!) : 0)),
  });

  return (
    <>
      <PageHeader title="督办看板" />
      <Space wrap style={{ marginBottom: 12 }} role="search" aria-label="看板范围">
        <OrgTreeSelect aria-label="党组织" placeholder="全部党组织" allowClear style={{ width: 240 }} value={filters.orgId} onChange={(orgId) => setFilters((f) => ({ ...f, orgId }))} />
        <Select aria-label="来源" allowClear placeholder="全部来源" style={{ width: 140 }} value={filters.source} onChange={(source?: string) => setFilters((f) => ({ ...f, source }))}
          options={Object.entries(sourceLabels).map(([value, label]) => ({ value, label }))} />
      </Space>
      {board.error && <div role="alert">{errorMessage(board.error)}</div>}
      <div className="board-stats">
        <Card size="small"><Statistic title="事项总数" value={t?.total ?? 0} /></Card>
        <Card size="small"><Statistic title="待销号" value={t?.counts.submitted ?? 0} /></Card>
        <Card size="small"><Link to={`/work-items?overdue=true${filters.orgId ? `&orgId=${filters.orgId}` : ''}`}><Statistic title="已逾期" value={t?.overdue ?? 0} valueStyle={{ color: '#cf1322' }} /></Link></Card>
        <Card size="small"><Statistic title="销号率" value={percent(t?.closeRate ?? null)} /></Card>
        <Card size="small"><Statistic title="按时办结率" value={percent(t?.onTimeRate ?? null)} /></Card>
        <Card size="small"><Statistic title="平均办结天数" value={t?.avgDaysToClose ?? '—'} /></Card>
      </div>
      {/* Side by side only on wide screens: at 1366 px the by-source table would have to scroll to show its columns. */}
      <Row gutter={12}>
        <Col xs={24} xxl={10}>
          <Card title="按来源" size="small" style={{ marginBottom: 12 }}>
            <Table<Board['bySource'][number]> rowKey="source" size="small" pagination={false} dataSource={board.data?.bySource} scroll={{ x: 700 }}
              columns={[{ title: '来源', dataIndex: 'source', width: 100, fixed: 'left', render: (s: string) => <Link to={`/work-items?source=${s}`}>{sourceLabel(s)}</Link> }, ...tallyColumns]} />
          </Card>
        </Col>
        <Col xs={24} xxl={14}>
          <Card title={`${month} 月度进度（按截止日期）`} size="small" style={{ marginBottom: 12 }}>
            <Chart label="本月事项进度" height={260} option={{
              tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 16, top: 32, bottom: 24 },
              xAxis: { type: 'category', data: days.map((d) => d.slice(8)) }, yAxis: { type: 'value', minInterval: 1 },
              series: [
                series('已销号', (d) => d.counts.signed_off, '#52c41a'),
                series('办理中', (d) => d.total - d.counts.signed_off - d.counts.cancelled - d.overdue, '#1677ff'),
                series('已逾期', (d) => d.overdue, '#cf1322'),
              ],
            }} />
          </Card>
        </Col>
      </Row>
      <Card title="各组织办理情况" size="small" style={{ marginBottom: 12 }}>
        <Table<Board['byOrg'][number]> rowKey="orgId" size="small" dataSource={board.data?.byOrg} loading={board.isFetching} scroll={{ x: 900 }}
          pagination={{ pageSize: 10, showTotal: (n) => `共 ${n} 个组织` }}
          columns={[{ title: '党组织', dataIndex: 'orgName', width: 220, fixed: 'left', ellipsis: true, render: (n: string, o) => <Link to={`/work-items?orgId=${o.orgId}`}>{n}</Link> },
            { title: '合计', dataIndex: 'total', width: 64, align: 'right' }, ...tallyColumns]} />
      </Card>
      <Card title="截止日历" size="small">
        <Calendar
          value={dayjs(`${month}-01`)}
          onPanelChange={(d: Dayjs) => setMonth(d.format('YYYY-MM'))}
          mode="month"
          cellRender={(d: Dayjs, info) => {
            if (info.type !== 'date') return info.originNode;
            const day = byDate.get(d.format('YYYY-MM-DD'));
            return day ? (
              <Link to={`/work-items?due=${d.format('YYYY-MM-DD')}`} className="deadline-cell">
                <div>到期 {day.total}</div>
                {day.counts.signed_off > 0 && <div>销号 {day.counts.signed_off}</div>}
                {day.overdue > 0 && <div className="overdue">逾期 {day.overdue}</div>}
              </Link>
            ) : null;
          }}
        />
      </Card>
    </>
  );
}
