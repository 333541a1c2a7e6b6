import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, InputNumber, Progress, Space, Statistic, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Page } from '../app/api';
import { useAuth } from '../app/auth';
import { FormDialog } from '../app/FormDialog';
import { PageHeader } from '../app/PageHeader';
import { errorMessage } from '../app/feedback';

interface Definition {
  id: number;
  orgName: string;
  title: string;
  description: string | null;
  requiredEvidence: string | null;
  dueDay: number;
  fromMonth: string;
  toMonth: string | null;
  sortOrder: number;
  version: number;
}

interface CloseRate { orgId: number; orgName: string; total: number; signedOff: number; onTime: number; submitted: number; returned: number; overdue: number; rate: number | null }
interface CloseRates { month: string; total: number; signedOff: number; rate: number | null; items: CloseRate[] }

const keys = { definitions: ['monthly-checklists'] as const, rates: (m: string) => ['monthly-checklists', 'rates', m] as const };

/** 月结清单: what every branch closes each month, and the chosen month's close rate per branch. */
export function ChecklistsPage() {
  const { can } = useAuth();
  const qc = useQueryClient();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [editing, setEditing] = useState<Definition | 'new' | null>(null);
  const mayDefine = can('workitem.assign');
  const defs = useQuery({ queryKey: keys.definitions, queryFn: () => api.get<Page<Definition>>('/api/v1/monthly-checklists'), enabled: mayDefine });
  const rates = useQuery({ queryKey: keys.rates(month), queryFn: () => api.get<CloseRates>('/api/v1/monthly-checklists/close-rates', { month }) });

  return (
    <>
      <PageHeader title="月结清单" actions={mayDefine && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新增清单事项</Button>} />
      {mayDefine && (
        <Card title="每月清单事项" size="small" style={{ marginBottom: 12 }}>
          <Table<Definition>
            rowKey="id" size="small" pagination={false} loading={defs.isLoading} dataSource={defs.data?.items}
            locale={{ emptyText: defs.error ? errorMessage(defs.error) : '尚未定义月结清单' }}
            columns={[
              { title: '事项', dataIndex: 'title' },
              { title: '说明', dataIndex: 'description', ellipsis: true },
              { title: '佐证材料', dataIndex: 'requiredEvidence', width: 140, render: (v: string | null) => v ?? '—' },
              { title: '每月完成日', dataIndex: 'dueDay', width: 100, render: (d: number) => `${d} 日` },
              { title: '执行期间', key: 'span', width: 170, render: (_: unknown, d) => `${d.fromMonth} 起${d.toMonth ? `至 ${d.toMonth}` : ''}` },
              { title: '', key: 'ops', width: 70, render: (_: unknown, d) => <Button type="link" size="small" onClick={() => setEditing(d)}>编辑</Button> },
            ]}
          />
        </Card>
      )}
      <Card
        title="各支部完成情况"
        size="small"
        extra={<DatePicker picker="month" aria-label="月份" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />}
      >
        <Space size="large" style={{ marginBottom: 12 }}>
          <Statistic title="清单事项" value={rates.data?.total ?? 0} />
          <Statistic title="已销号" value={rates.data?.signedOff ?? 0} />
          <Statistic title="完成率" value={rates.data?.rate ?? 0} suffix="%" />
        </Space>
        <Table<CloseRate>
          rowKey="orgId" size="small" loading={rates.isLoading} dataSource={rates.data?.items} pagination={{ pageSize: 50, showSizeChanger: false }}
          locale={{ emptyText: rates.error ? errorMessage(rates.error) : '本月没有清单事项' }}
          columns={[
            { title: '党支部', dataIndex: 'orgName' },
            { title: '事项', dataIndex: 'total', width: 60, align: 'right' },
            { title: '已销号', dataIndex: 'signedOff', width: 70, align: 'right' },
            { title: '按时', dataIndex: 'onTime', width: 60, align: 'right' },
            { title: '待销号', dataIndex: 'submitted', width: 70, align: 'right' },
            { title: '退回', dataIndex: 'returned', width: 60, align: 'right', render: (n: number) => (n ? <Tag color="warning">{n}</Tag> : 0) },
            { title: '逾期', dataIndex: 'overdue', width: 60, align: 'right', render: (n: number) => (n ? <Tag color="error">{n}</Tag> : 0) },
            // The rate as text whatever the colour: antd shows a bare ✕ for an 'exception' bar otherwise.
            { title: '完成率', dataIndex: 'rate', width: 170,
              render: (r: number | null) => <Progress size="small" percent={r ?? 0} format={(p) => `${p}%`} status={(r ?? 0) < 60 ? 'exception' : 'normal'} /> },
          ]}
        />
      </Card>
      {editing && (
        <FormDialog<Omit<Definition, 'id' | 'orgName' | 'version'>>
          title={editing === 'new' ? '新增月结清单事项' : `编辑：${editing.title}`}
          initialValues={editing === 'new' ? { dueDay: 25, fromMonth: dayjs().format('YYYY-MM'), sortOrder: 0 } : editing}
          submit={(v) => {
            const body = { ...v, description: v.description || null, requiredEvidence: v.requiredEvidence || null, toMonth: v.toMonth || null };
            return editing === 'new' ? api.post('/api/v1/monthly-checklists', body) : api.patch(`/api/v1/monthly-checklists/${editing.id}`, { ...body, version: editing.version });
          }}
          successText="月结清单已保存（新事项自下次生成起下发）"
          onSuccess={() => void qc.invalidateQueries({ queryKey: keys.definitions })}
          onClose={() => setEditing(null)}
        >
          <Form.Item name="title" label="事项" rules={[{ required: true, message: '请填写事项' }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="description" label="说明"><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          <Form.Item name="requiredEvidence" label="佐证材料要求"><Input maxLength={500} /></Form.Item>
          <Space size="large" wrap>
            <Form.Item name="dueDay" label="每月完成日" rules={[{ required: true }]}><InputNumber min={1} max={28} addonAfter="日" /></Form.Item>
            <Form.Item name="fromMonth" label="起始月份（YYYY-MM）" rules={[{ required: true, pattern: /^\d{4}-\d{2}$/, message: '如 2026-01' }]}><Input style={{ width: 120 }} /></Form.Item>
            <Form.Item name="toMonth" label="截止月份（可空）" rules={[{ pattern: /^\d{4}-\d{2}$/, message: '如 2026-12' }]}><Input style={{ width: 120 }} /></Form.Item>
            <Form.Item name="sortOrder" label="排序"><InputNumber min={0} max={9999} /></Form.Item>
          </Space>
        </FormDialog>
      )}
    </>
  );
}
