import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Card, Col, Drawer, List, Row, Segmented, Select, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PageHeader } from '../app/PageHeader';
import { Chart } from '../app/Chart';
import { errorMessage } from '../app/feedback';
import { FilterBar } from '../app/FilterBar';
import { PagedTable } from '../app/PagedTable';
import { usePaging } from '../app/paging';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import {
  useAbsences, useActivitiesById, useAttendance, useCompliance, useInactive, useTrend,
  type BranchRow, type Cadence, type Filter, type RuleCell, type RuleDef,
} from './compliance-api';
import { shortLabels, statusStyle } from './compliance-labels';

const cadenceOptions: Array<{ value: Cadence; label: string }> = [
  { value: 'month', label: '月度' },
  { value: 'quarter', label: '季度' },
  { value: 'year', label: '年度' },
];

const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
/** Column widths of the branches × rules table (px): the eight rules fit beside the branch names at 1366 px. */
const BRANCH_COLUMN = 180;
const RULE_COLUMN = 108;
const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
const dateTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });

function cadenceOf(code: string): Cadence {
  return code.includes('Q') ? 'quarter' : code.length === 7 ? 'month' : 'year';
}

/** The period code for a cadence, keeping the year and the month or quarter that lie in it. */
function periodCode(cadence: Cadence, year: number, sub: number): string {
  if (cadence === 'year') return String(year);
  if (cadence === 'quarter') return `${year}-Q${sub}`;
  return `${year}-${String(sub).padStart(2, '0')}`;
}

function PeriodPicker({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const cadence = cadenceOf(value);
  const year = Number(value.slice(0, 4));
  const sub = cadence === 'quarter' ? Number(value.slice(6)) : cadence === 'month' ? Number(value.slice(5, 7)) : 1;
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  const currentSub = (c: Cadence) => {
    const month = Number(shanghaiToday().slice(5, 7));
    return c === 'quarter' ? Math.ceil(month / 3) : month;
  };
  return (
    <Space wrap>
      <Segmented<Cadence> aria-label="统计周期" options={cadenceOptions} value={cadence}
        onChange={(c) => onChange(periodCode(c, year, year === thisYear ? currentSub(c) : c === 'quarter' ? 4 : 12))} />
      <Select aria-label="年度" value={year} style={{ width: 100 }} onChange={(y: number) => onChange(periodCode(cadence, y, sub))}
        options={years.map((y) => ({ value: y, label: `${y}年` }))} />
      {cadence === 'quarter' && (
        <Select aria-label="季度" value={sub} style={{ width: 110 }} onChange={(q: number) => onChange(periodCode(cadence, year, q))}
          options={[1, 2, 3, 4].map((q) => ({ value: q, label: `第${'一二三四'[q - 1]}季度` }))} />
      )}
      {cadence === 'month' && (
        <Select aria-label="月份" value={sub} style={{ width: 90 }} onChange={(m: number) => onChange(periodCode(cadence, year, m))}
          options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }))} />
      )}
    </Space>
  );
}

function CellTag({ cell, onOpen }: { cell: RuleCell; onOpen: () => void }) {
  const s = statusStyle[cell.status];
  if (cell.status === 'not_applicable') return <Tag color={s.color}>{s.text}</Tag>;
  return (
    <Tag color={s.color} style={{ cursor: 'pointer' }} onClick={onOpen} role="button" aria-label={`${s.text} ${cell.done}/${cell.required}`}>
      {s.text} {cell.done}/{cell.required}
    </Tag>
  );
}

/** The activities that satisfy one cell, with links to their records. */
function CellDrawer({ open, onClose }: { open: { row: BranchRow; rule: RuleDef; cell: RuleCell } | null; onClose: () => void }) {
  const activities = useActivitiesById(open?.cell.activityIds ?? []);
  return (
    <Drawer open={!!open} onClose={onClose} size="large" title={open ? `${open.row.orgName} · ${open.rule.label}` : ''}>
      {open && (
        <>
          <Typography.Paragraph type="secondary">{open.rule.citation}</Typography.Paragraph>
          <Typography.Paragraph>
            状态：<Tag color={statusStyle[open.cell.status].color}>{statusStyle[open.cell.status].text}</Tag>
            已完成 {open.cell.done} / 应完成 {open.cell.required}
          </Typography.Paragraph>
          {activities.isError && <Alert type="error" title={errorMessage(activities.error)} />}
          <List
            loading={activities.isLoading}
            locale={{ emptyText: '本期没有已签署的相关活动记录' }}
            dataSource={open.cell.activityIds.length ? activities.data ?? [] : []}
            renderItem={(a) => (
              <List.Item>
                <List.Item.Meta title={<Link to={`/activities/${a.id}`}>{a.title}</Link>} description={dateTime(a.startsAt)} />
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  );
}

function TrendChart({ orgId, year }: { orgId?: number; year: number }) {
  const trend = useTrend(orgId, year);
  const points = trend.data?.items ?? [];
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return (
    <Card title={`${year}年逐月落实率与出勤率`} size="small" loading={trend.isLoading}>
      <Chart label="逐月落实率与出勤率趋势图" height={260} option={{
        tooltip: { trigger: 'axis', valueFormatter: (v) => (v == null ? '—' : `${String(v)}%`) },
        legend: { top: 0, data: ['三会一课落实率', '出勤率'] },
        grid: { left: 48, right: 24, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: points.map((p) => `${Number(p.month.slice(5))}月`) },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        series: [
          { name: '三会一课落实率', type: 'line', data: points.map((p) => pct(p.compliance)), connectNulls: false },
          { name: '出勤率', type: 'line', data: points.map((p) => pct(p.attendance)), connectNulls: false },
        ],
      }} />
    </Card>
  );
}

function AbsencesTab({ filter }: { filter: Filter }) {
  const [paging, setPaging] = usePaging(10, filter);
  const list = useAbsences(filter, paging);
  return (
    <PagedTable
      rowKey={(r) => `${r.activityId}-${r.memberId}`} size="small" scroll={{ x: 860 }}
      list={list} paging={paging} onPaging={setPaging} emptyText="本期没有缺席未补课的党员" unit="条"
      columns={[
        { title: '党员', dataIndex: 'memberName', width: 100 },
        { title: '党组织', dataIndex: 'orgName', width: 200 },
        { title: '活动', dataIndex: 'activityTitle', render: (v: string, r) => <Link to={`/activities/${r.activityId}`}>{v}</Link> },
        { title: '时间', dataIndex: 'startsAt', width: 150, render: dateTime },
        { title: '情况', dataIndex: 'status', width: 80, render: (s: string) => (s === 'leave' ? <Tag color="warning">请假</Tag> : <Tag color="error">缺席</Tag>) },
        { title: '原因', dataIndex: 'reason', width: 160, render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

function InactiveTab({ orgId }: { orgId?: number }) {
  const [paging, setPaging] = usePaging(10, orgId);
  const list = useInactive(orgId, paging);
  return (
    <>
      {list.data && <Typography.Paragraph type="secondary">自 {list.data.since} 起未参加（含补课）任何已签署的组织生活的党员。依党章第九条，连续6个月无正当理由不参加组织生活的，应了解情况、进行教育。</Typography.Paragraph>}
      <PagedTable
        rowKey="memberId" size="small" list={list} paging={paging} onPaging={setPaging} emptyText="没有连续6个月未参加组织生活的党员" unit="人"
        columns={[
          { title: '党员', dataIndex: 'memberName', width: 120, render: (v: string, r) => <Link to={`/members/${r.memberId}`}>{v}</Link> },
          { title: '党组织', dataIndex: 'orgName' },
          { title: '最近一次参加', dataIndex: 'lastAttendedOn', width: 160, render: (v: string | null) => v ?? '无记录' },
        ]}
      />
    </>
  );
}

function AttendanceTab({ filter }: { filter: Filter }) {
  const [paging, setPaging] = usePaging(10, filter);
  const list = useAttendance(filter, paging);
  const rateCol = { title: '出勤率', dataIndex: 'rate', width: 90, render: percent };
  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Typography.Title level={5}>各党支部</Typography.Title>
        <Table rowKey="orgId" size="small" loading={list.isFetching} dataSource={list.data?.branches} pagination={{ pageSize: 10 }}
          columns={[{ title: '党支部', dataIndex: 'orgName' }, { title: '应到', dataIndex: 'expected', width: 70 }, { title: '实到', dataIndex: 'present', width: 70 }, rateCol]} />
      </Col>
      <Col xs={24} lg={14}>
        <Typography.Title level={5}>党员个人（按党组织排列）</Typography.Title>
        <PagedTable rowKey="memberId" size="small" list={list} paging={paging} onPaging={setPaging}
          columns={[{ title: '党员', dataIndex: 'memberName', width: 100 }, { title: '党支部', dataIndex: 'orgName' },
            { title: '应到', dataIndex: 'expected', width: 70 }, { title: '实到', dataIndex: 'present', width: 70 }, rateCol]} />
      </Col>
    </Row>
  );
}

/**
 * 三会一课落实情况: every branch in the caller's scope against the rule table for a month, quarter or year, with the
 * records behind each cell, the monthly trend and the members who need following up. A secretary sees their own
 * branch; the working committee sees every branch and who is behind.
 */
export function CompliancePage() {
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? shanghaiToday().slice(0, 4);
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : undefined;
  const filter: Filter = useMemo(() => ({ orgId, period }), [orgId, period]);
  const [paging, setPaging] = usePaging(50, filter);
  const [open, setOpen] = useState<{ row: BranchRow; rule: RuleDef; cell: RuleCell } | null>(null);
  const table = useCompliance(filter, paging);
  const rules = table.data?.rules.filter((r) => r.enabled) ?? [];

  const update = (patch: { orgId?: number; period?: string }) => {
    const next = { orgId, period, ...patch };
    const p = new URLSearchParams({ period: next.period });
    if (next.orgId) p.set('orgId', String(next.orgId));
    setParams(p, { replace: true });
  };

  const columns: ColumnsType<BranchRow> = [
    { title: '党支部', dataIndex: 'orgName', fixed: 'left', width: BRANCH_COLUMN, render: (v: string, r) => <Link to={`/orgs/${r.orgId}`}>{v}</Link> },
    ...rules.map((def) => ({
      key: def.rule,
      title: <Tooltip title={`${def.label}：${def.citation}`}><span>{shortLabels[def.rule] ?? def.label}</span></Tooltip>,
      width: RULE_COLUMN,
      render: (_: unknown, row: BranchRow) => {
        const cell = row.rules.find((c) => c.rule === def.rule);
        return cell ? <CellTag cell={cell} onOpen={() => setOpen({ row, rule: def, cell })} /> : null;
      },
    })),
  ];

  return (
    <>
      <PageHeader title="三会一课落实情况">
        <span style={{ color: 'rgba(0,0,0,.45)' }}>按《中国共产党支部工作条例（试行）》逐支部核对；只统计主持人和记录人已签署的活动记录。点击单元格查看对应活动。</span>
      </PageHeader>
      <Card style={{ marginBottom: 16 }}>
        <FilterBar label="筛选党支部">
          <OrgTreeSelect aria-label="党组织范围" value={orgId} onChange={(id) => update({ orgId: id })} allowClear placeholder="全部党组织" style={{ width: 260 }} />
          <PeriodPicker value={period} onChange={(code) => update({ period: code })} />
        </FilterBar>
        {table.data && (
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col xs={8} md={4}><Statistic title="党支部" value={table.data.summary.branches} /></Col>
            <Col xs={8} md={4}><Statistic title="全部完成" value={table.data.summary.compliant} styles={{ content: { color: '#389e0d' } }} /></Col>
            <Col xs={8} md={4}><Statistic title="有逾期事项" value={table.data.summary.overdue} styles={{ content: { color: '#cf1322' } }} /></Col>
          </Row>
        )}
        <PagedTable<BranchRow>
          rowKey="orgId" size="small" bordered columns={columns} scroll={{ x: BRANCH_COLUMN + rules.length * RULE_COLUMN }}
          list={table} paging={paging} onPaging={setPaging} emptyText="范围内没有党支部" unit="个党支部" pagination={{ showSizeChanger: true }}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} style={{ marginBottom: 16 }}>
          <TrendChart orgId={orgId} year={Number(period.slice(0, 4))} />
        </Col>
        <Col xs={24}>
          <Card size="small">
            <Tabs items={[
              { key: 'absences', label: '缺席未补课', children: <AbsencesTab filter={filter} /> },
              { key: 'inactive', label: '连续6个月未参加组织生活', children: <InactiveTab orgId={orgId} /> },
              { key: 'attendance', label: '出勤率', children: <AttendanceTab filter={filter} /> },
            ]} />
          </Card>
        </Col>
      </Row>
      <CellDrawer open={open} onClose={() => setOpen(null)} />
    </>
  );
}
