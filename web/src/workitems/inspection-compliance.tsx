import { Link } from 'react-router';
import { Alert, Card, Space, Statistic, Table, Tag, Tooltip } from 'antd';
import { errorMessage } from '../app/feedback';
import { useCompliance, type BranchRow } from '../activities/compliance-api';
import { shortLabels, statusStyle } from '../activities/compliance-labels';
import type { InspectionDetail } from './oversight-api';

/** Branches of one inspected unit: a unit's party committee rarely has more. */
const BRANCHES_SHOWN = 100;

/**
 * A special inspection of organisational life reads the compliance engine instead of asking units to report: for
 * each inspected unit, its branches against the 三会一课 rules for the inspection's year, as they stand today.
 */
export function InspectionCompliance({ pairs, year }: { pairs: InspectionDetail['pairs']; year: number }) {
  if (!pairs.length) return <Alert type="info" title="尚未添加被检查单位" />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {pairs.map((p) => <UnitCompliance key={p.id} orgId={p.inspectedOrgId} unitName={p.inspectedUnitName} year={year} />)}
    </Space>
  );
}

function UnitCompliance({ orgId, unitName, year }: { orgId: number; unitName: string; year: number }) {
  const report = useCompliance({ orgId, period: String(year) }, { page: 1, pageSize: BRANCHES_SHOWN });
  const data = report.data;
  return (
    <Card size="small" title={`${unitName} · ${year}年三会一课落实情况`} loading={report.isLoading}
      extra={<Link to={`/compliance?orgId=${orgId}&period=${year}`}>查看明细</Link>}>
      {report.isError && <Alert type="error" title={errorMessage(report.error)} />}
      {data && (
        <>
          <Space size="large" style={{ marginBottom: 12 }}>
            <Statistic title="党支部" value={data.summary.branches} />
            <Statistic title="全部完成" value={data.summary.compliant} styles={{ content: { color: '#389e0d' } }} />
            <Statistic title="有逾期事项" value={data.summary.overdue} styles={{ content: { color: '#cf1322' } }} />
          </Space>
          <Table<BranchRow> rowKey="orgId" size="small" pagination={false} dataSource={data.items} scroll={{ x: 200 + data.rules.length * 100 }}
            columns={[
              { title: '党支部', dataIndex: 'orgName', width: 200, fixed: 'left' },
              ...data.rules.map((def) => ({
                key: def.rule, width: 100,
                title: <Tooltip title={def.citation}><span>{shortLabels[def.rule] ?? def.label}</span></Tooltip>,
                render: (_: unknown, row: BranchRow) => {
                  const cell = row.rules.find((c) => c.rule === def.rule);
                  if (!cell) return null;
                  const s = statusStyle[cell.status];
                  return <Tag color={s.color}>{cell.status === 'not_applicable' ? s.text : `${s.text} ${cell.done}/${cell.required}`}</Tag>;
                },
              })),
            ]} />
        </>
      )}
    </Card>
  );
}
