import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Statistic, Table, Tabs, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Page } from '../app/api';
import { FormDialog } from '../app/FormDialog';
import { DateInput } from '../app/DateInput';
import { PageHeader } from '../app/PageHeader';
import { errorMessage, useFeedback } from '../app/feedback';
import { SelectFilter } from '../app/FilterBar';
import { options } from '../app/labels';
import { PagedTable } from '../app/PagedTable';
import { useListFilters } from '../app/paging';
import { useAuth } from '../app/auth';
import { InspectionCompliance } from './inspection-compliance';
import {
  fetchRootOrg, fetchUnits, inspectionKindLabels, inspectionStateLabels, itemStateColors, itemStateLabels, oversightKeys, riskLevelLabels, timelinessLabels,
  type Finding, type Inspection, type InspectionDetail, type InspectionKind, type RiskPoint, type YearSummary,
} from './oversight-api';

/** 督查: the year's inspections and risk screenings, with the counts the committee reports. */
export function InspectionsPage() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { filters, update, paging, setPaging } = useListFilters<{ year: number; kind?: InspectionKind }>({ year: dayjs().year() }, 20);
  const { year } = filters;
  const [creating, setCreating] = useState(false);
  const q = { ...filters, ...paging };
  const list = useQuery({ queryKey: oversightKeys.inspections(q), queryFn: () => api.get<Page<Inspection>>('/api/v1/inspections', q) });
  const { me } = useAuth();
  const manages = me.permissions.includes('inspection.manage');
  const summary = useQuery({ queryKey: ['oversight', 'summary', year], queryFn: () => api.get<YearSummary>('/api/v1/inspections/summary', { year }), enabled: manages });
  const root = useQuery({ queryKey: ['oversight', 'root'], queryFn: fetchRootOrg, enabled: manages });
  const s = summary.data;

  return (
    <>
      <PageHeader title="督查检查" actions={manages && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>安排督查</Button>} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size="large" wrap>
          <Select aria-label="年度" value={year} style={{ width: 110 }} onChange={(v) => update({ year: v })}
            options={Array.from({ length: 4 }, (_, i) => dayjs().year() - i).map((y) => ({ value: y, label: `${y} 年` }))} />
          <SelectFilter<InspectionKind> label="督查类型" placeholder="全部类型" value={filters.kind} width={130} onChange={(kind) => update({ kind })}
            options={options(inspectionKindLabels)} />
          {manages && <Statistic title="交叉检查" value={s?.crossInspections ?? 0} suffix={`/ 至少 ${s?.crossRequired ?? 2} 次`} />}
          {manages && <Statistic title="交办问题反馈清单" value={s?.feedbackLists ?? 0} suffix="个" />}
          {manages && <Statistic title="交办问题" value={s?.findings ?? 0} suffix="个" />}
          {manages && <Statistic title="已销号" value={s?.findingsByState.signed_off ?? 0} suffix="个" />}
        </Space>
        {!!s?.crossShortfall && year <= dayjs().year() && (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon message={`${year} 年交叉检查 ${s.crossInspections} 次，少于每年 ${s.crossRequired} 次的要求`} />
        )}
      </Card>
      <Card>
        <PagedTable<Inspection>
          rowKey="id" size="middle" list={list} paging={paging} onPaging={setPaging} emptyText="本年暂无督查" pagination={{ showSizeChanger: false }}
          columns={[
            { title: '名称', dataIndex: 'title', render: (t: string, i) => <Link to={`/oversight/inspections/${i.id}`}>{t}</Link> },
            { title: '类型', dataIndex: 'kind', width: 110, render: (k: InspectionKind) => <Tag color={k === 'cross' ? 'blue' : k === 'special' ? 'purple' : 'orange'}>{inspectionKindLabels[k]}</Tag> },
            { title: '检查期间', key: 'period', width: 210, render: (_: unknown, i) => `${i.startsOn} 至 ${i.endsOn}` },
            { title: '状态', dataIndex: 'state', width: 90, render: (v: string) => inspectionStateLabels[v] },
          ]}
        />
      </Card>
      {creating && (
        <FormDialog<{ kind: InspectionKind; title: string; topic?: string; startsOn: string; endsOn: string }, InspectionDetail>
          title="安排督查" initialValues={{ kind: 'cross' }}
          submit={(v) => api.post<InspectionDetail>('/api/v1/inspections', { ...v, orgId: root.data?.items[0]?.id, topic: v.topic || null })}
          successText="督查已安排，请配对检查单位"
          onSuccess={(d) => { void qc.invalidateQueries({ queryKey: oversightKeys.all }); navigate(`/oversight/inspections/${d.id}`); }}
          onClose={() => setCreating(false)}
        >
          <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
            <Select options={Object.entries(inspectionKindLabels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="title" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="topic" label="检查内容（专项检查）"><Input maxLength={200} /></Form.Item>
          <Space>
            <Form.Item name="startsOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}><DateInput /></Form.Item>
            <Form.Item name="endsOn" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}><DateInput /></Form.Item>
          </Space>
        </FormDialog>
      )}
    </>
  );
}

function InspectorSelect({ value, onChange }: { value?: number[]; onChange?: (v: number[]) => void }) {
  const [q, setQ] = useState('');
  const accounts = useQuery({
    queryKey: ['oversight', 'accounts', q],
    queryFn: () => api.get<Page<{ userId: number | null; memberName: string; orgName: string }>>('/api/v1/member-accounts', { q: q || undefined, pageSize: 30 }),
  });
  return (
    <Select mode="multiple" showSearch={{ filterOption: false, onSearch: setQ }} value={value} onChange={onChange} placeholder="输入姓名查找（须已开通账号）"
      options={(accounts.data?.items ?? []).filter((a) => a.userId).map((a) => ({ value: a.userId!, label: `${a.memberName}（${a.orgName}）` }))} />
  );
}

/** One inspection: units paired, inspectors with their grant's end, feedback lists per unit, findings and risk points. */
export function InspectionDetailPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const feedback = useFeedback();
  const { can } = useAuth();
  const [dialog, setDialog] = useState<'pair' | 'finding' | 'risk' | null>(null);
  const detail = useQuery({ queryKey: oversightKeys.inspection(id), queryFn: () => api.get<InspectionDetail>(`/api/v1/inspections/${id}`) });
  const findings = useQuery({ queryKey: [...oversightKeys.inspection(id), 'findings'], queryFn: () => api.get<Page<Finding>>(`/api/v1/inspections/${id}/findings`) });
  const risks = useQuery({ queryKey: [...oversightKeys.inspection(id), 'risks'], queryFn: () => api.get<Page<RiskPoint>>(`/api/v1/inspections/${id}/risk-points`), enabled: detail.data?.kind === 'risk_screening' });
  const units = useQuery({ queryKey: ['oversight', 'units'], queryFn: fetchUnits, enabled: !!dialog });
  const refresh = () => qc.invalidateQueries({ queryKey: oversightKeys.inspection(id) });
  const d = detail.data;
  if (!d) return <PageHeader title="督查">{detail.error && <Alert type="error" message={errorMessage(detail.error)} />}</PageHeader>;
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  const pairedOptions = d.pairs.map((p) => ({ value: p.inspectedUnitId, label: p.inspectedUnitName }));
  const issue = async (listId: number, version: number) => {
    try {
      await api.post(`/api/v1/inspections/${id}/feedback-lists/${listId}/issue`, { version });
      feedback.success('问题反馈清单已交办');
      await refresh();
    } catch (e) { feedback.fail(e); }
  };

  return (
    <>
      <PageHeader title={d.title} actions={<>
        {d.canManage && <Button icon={<PlusOutlined />} onClick={() => setDialog('pair')}>{d.kind === 'cross' ? '配对检查单位' : '添加被检查单位'}</Button>}
        <Button icon={<PlusOutlined />} onClick={() => setDialog('finding')}>记录问题</Button>
        {d.kind === 'risk_screening' && <Button icon={<PlusOutlined />} onClick={() => setDialog('risk')}>登记风险点</Button>}
        <Button icon={<DownloadOutlined />} onClick={() => api.download('GET', `/api/v1/inspections/${id}/summary.docx`, { fallbackName: `${d.title}.docx` }).catch((e) => feedback.fail(e))}>下载整改情况（Word）</Button>
      </>}>
        <Descriptions size="small" column={3} items={[
          { key: 'k', label: '类型', children: inspectionKindLabels[d.kind] },
          { key: 'p', label: '检查期间', children: `${d.startsOn} 至 ${d.endsOn}` },
          { key: 's', label: '状态', children: inspectionStateLabels[d.state] },
          ...(d.topic ? [{ key: 't', label: '检查内容', children: d.topic }] : []),
        ]} />
      </PageHeader>
      <Tabs items={[
        {
          key: 'lists', label: `问题反馈清单（${d.feedbackLists.length}）`, children: (
            <Card>
              <Table rowKey="id" size="middle" dataSource={d.feedbackLists} pagination={false} columns={[
                { title: '被检查单位', dataIndex: 'unitName' },
                { title: '责任党组织', dataIndex: 'orgName' },
                { title: '问题数', dataIndex: 'findings', width: 80, align: 'right' },
                { title: '已销号', key: 'closed', width: 80, align: 'right', render: (_: unknown, l) => l.byState.signed_off ?? 0 },
                { title: '交办', key: 'issued', width: 180, render: (_: unknown, l) => (l.issuedAt ? dayjs(l.issuedAt).format('YYYY-MM-DD') : d.canManage
                  ? <Button size="small" type="primary" icon={<SendOutlined />} onClick={() => void issue(l.id, l.version)}>交办</Button> : <Tag>待交办</Tag>) },
              ]} />
            </Card>
          ),
        },
        {
          key: 'findings', label: `问题（${findings.data?.total ?? 0}）`, children: (
            <Card>
              <Table<Finding> rowKey="id" size="middle" dataSource={findings.data?.items} loading={findings.isLoading} pagination={{ pageSize: 20, showSizeChanger: false }} columns={[
                { title: '单位', dataIndex: 'unitName', width: 160 },
                { title: '问题', dataIndex: 'title', render: (t: string, f) => <Link to={`/work-items/${f.id}`}>{t}</Link> },
                { title: '整改期限', dataIndex: 'deadline', width: 110 },
                { title: '状态', dataIndex: 'state', width: 100, render: (s: Finding['state']) => <Tag color={itemStateColors[s]}>{itemStateLabels[s]}</Tag> },
                { title: '时效', dataIndex: 'timeliness', width: 90, render: (v: Finding['timeliness']) => <Tag color={v === 'overdue' ? 'error' : v === 'closed_late' ? 'warning' : undefined}>{timelinessLabels[v]}</Tag> },
                { title: '验收人', dataIndex: 'verifierName', width: 100 },
              ]} />
            </Card>
          ),
        },
        {
          key: 'pairs', label: `检查安排（${d.pairs.length}）`, children: (
            <Card>
              <Table rowKey="id" size="middle" dataSource={d.pairs} pagination={false} columns={[
                ...(d.kind === 'cross' ? [{ title: '检查单位', dataIndex: 'inspectingUnitName' }] : []),
                { title: '被检查单位', dataIndex: 'inspectedUnitName' },
                { title: '检查人员（授权至）', key: 'inspectors', render: (_: unknown, p: InspectionDetail['pairs'][number]) => p.inspectors.map((i) => (
                  <Tag key={i.userId} color={i.validTo && i.validTo > new Date().toISOString() ? 'green' : 'default'}>{i.name} · {i.validTo ? dayjs(i.validTo).subtract(1, 'second').format('MM-DD') : '—'}</Tag>
                )) },
              ]} />
            </Card>
          ),
        },
        ...(d.kind === 'special' && can('compliance.read') ? [{
          key: 'compliance', label: '三会一课落实情况', children: <InspectionCompliance pairs={d.pairs} year={Number(d.startsOn.slice(0, 4))} />,
        }] : []),
        ...(d.kind === 'risk_screening' ? [{
          key: 'risks', label: `风险点（${risks.data?.total ?? 0}）`, children: (
            <Card>
              <Table<RiskPoint> rowKey="id" size="middle" dataSource={risks.data?.items} pagination={{ pageSize: 20, showSizeChanger: false }} columns={[
                { title: '单位', dataIndex: 'unitName', width: 160 },
                { title: '风险点', dataIndex: 'description' },
                { title: '等级', dataIndex: 'level', width: 70, render: (l: string) => <Tag color={l === 'high' ? 'red' : l === 'medium' ? 'orange' : 'green'}>{riskLevelLabels[l]}</Tag> },
                { title: '防控措施', dataIndex: 'measures' },
              ]} />
            </Card>
          ),
        }] : []),
      ]} />
      {dialog === 'pair' && (
        <FormDialog<{ inspectedUnitId: number; inspectingUnitId?: number; inspectorUserIds?: number[] }>
          title={d.kind === 'cross' ? '配对检查单位' : '添加被检查单位'} successText="已添加"
          submit={(v) => api.post(`/api/v1/inspections/${id}/pairs`, { ...v, inspectorUserIds: v.inspectorUserIds ?? [] })}
          onSuccess={() => void refresh()} onClose={() => setDialog(null)}
        >
          <Form.Item name="inspectedUnitId" label="被检查单位" rules={[{ required: true, message: '请选择被检查单位' }]}><Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} /></Form.Item>
          {d.kind === 'cross' && <>
            <Form.Item name="inspectingUnitId" label="检查单位" rules={[{ required: true, message: '请选择检查单位' }]}><Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} /></Form.Item>
            <Form.Item name="inspectorUserIds" label={`检查人员（授权至 ${d.endsOn} 自动失效）`} rules={[{ required: true, message: '请选择检查人员' }]}><InspectorSelect /></Form.Item>
          </>}
        </FormDialog>
      )}
      {dialog === 'finding' && (
        <FormDialog<{ unitId: number; title: string; description?: string; deadline: string }>
          title="记录问题" successText="问题已记录，交办后进入整改" initialValues={{ deadline: dayjs().add(30, 'day').format('YYYY-MM-DD') }}
          submit={(v) => api.post(`/api/v1/inspections/${id}/findings`, { ...v, description: v.description || null })}
          onSuccess={() => void refresh()} onClose={() => setDialog(null)}
        >
          <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}><Select options={pairedOptions} /></Form.Item>
          <Form.Item name="title" label="问题" rules={[{ required: true, message: '请填写问题' }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="description" label="具体情况"><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}><DateInput /></Form.Item>
        </FormDialog>
      )}
      {dialog === 'risk' && (
        <FormDialog<{ unitId: number; description: string; level: string; measures: string }>
          title="登记风险点" successText="风险点已登记" initialValues={{ level: 'medium' }}
          submit={(v) => api.post(`/api/v1/inspections/${id}/risk-points`, v)}
          onSuccess={() => void refresh()} onClose={() => setDialog(null)}
        >
          <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}><Select options={pairedOptions} /></Form.Item>
          <Form.Item name="description" label="风险点" rules={[{ required: true, message: '请填写风险点' }]}><Input maxLength={500} /></Form.Item>
          <Form.Item name="level" label="等级"><Select options={Object.entries(riskLevelLabels).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="measures" label="防控措施" rules={[{ required: true, message: '请填写防控措施' }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
        </FormDialog>
      )}
    </>
  );
}
