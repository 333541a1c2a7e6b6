import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Empty, Form, Input, InputNumber, List, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import { FormDialog } from '../app/FormDialog';
import { PageHeader } from '../app/PageHeader';
import { errorMessage } from '../app/feedback';
import { useAuth } from '../app/auth';
import { fetchRootOrg } from './oversight-api';
import { itemStateColors, itemStateLabels, type ItemState } from './oversight-api';

interface Question { id: number; orgName: string; question: string; cadence: string; active: boolean; period: string; items: number; answered: number }
interface Board {
  id: number; question: string; period: string; unanswered: number;
  items: Array<{ workItemId: number; title: string; state: ItemState; deadline: string; ownerName: string; answeredThisPeriod: boolean; latest: { note: string; percent: number; at: string; by: string; period: string } | null }>;
}
interface Asked { questionId: number; question: string; period: string; workItemId: number; title: string; deadline: string; state: ItemState; ownerName: string; answer: { note: string; percent: number } | null }

const cadenceLabels: Record<string, string> = { weekly: '每周', monthly: '每月' };

function ItemSelect({ value, onChange }: { value?: number[]; onChange?: (v: number[]) => void }) {
  const [q, setQ] = useState('');
  const items = useQuery({
    queryKey: ['oversight', 'item-search', q],
    queryFn: () => api.get<Page<{ id: number; title: string; ownerOrg: { name: string } }>>('/api/v1/work-items', { q: q || undefined, state: 'assigned,in_progress,returned', pageSize: 30 }),
  });
  return (
    <Select mode="multiple" showSearch={{ filterOption: false, onSearch: setQ }} value={value} onChange={onChange} placeholder="输入事项名称查找"
      options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.title}（${i.ownerOrg.name}）` }))} />
  );
}

function QuestionBoard({ id }: { id: number }) {
  const board = useQuery({ queryKey: ['oversight', 'dispatch', id], queryFn: () => api.get<Board>(`/api/v1/dispatch-questions/${id}`) });
  const b = board.data;
  if (!b) return null;
  return (
    <Card title={<Space>{b.question}<Tag color={b.unanswered ? 'warning' : 'success'}>本期（{b.period} 起）未填报 {b.unanswered}</Tag></Space>} style={{ marginTop: 12 }}>
      <Table rowKey="workItemId" size="small" pagination={false} dataSource={b.items} columns={[
        { title: '事项', dataIndex: 'title', render: (t: string, i) => <Link to={`/work-items/${i.workItemId}`}>{t}</Link> },
        { title: '责任组织', dataIndex: 'ownerName', width: 180 },
        { title: '状态', dataIndex: 'state', width: 100, render: (s: ItemState) => <Tag color={itemStateColors[s]}>{itemStateLabels[s]}</Tag> },
        { title: '最新进展', key: 'latest', render: (_: unknown, i) => (i.latest ? <><Progress size="small" percent={i.latest.percent} style={{ width: 140 }} /> <Typography.Text type="secondary">{i.latest.note}（{i.latest.by}，{i.latest.at.slice(0, 10)}）</Typography.Text></> : '—') },
        { title: '本期', key: 'this', width: 80, render: (_: unknown, i) => (i.answeredThisPeriod ? <Tag color="success">已填报</Tag> : <Tag color="error">未填报</Tag>) },
      ]} />
    </Card>
  );
}

/** 周调度: the committee's recurring questions with their boards; those who answer see what is asked of them. */
export function DispatchPage() {
  const { me } = useAuth();
  const qc = useQueryClient();
  const canAssign = me.permissions.includes('workitem.assign');
  const [selected, setSelected] = useState<number | undefined>();
  const [answering, setAnswering] = useState<Asked | null>(null);
  const [creating, setCreating] = useState(false);
  const root = useQuery({ queryKey: ['oversight', 'root'], queryFn: fetchRootOrg, enabled: canAssign });
  const questions = useQuery({ queryKey: ['oversight', 'dispatch'], queryFn: () => api.get<Page<Question>>('/api/v1/dispatch-questions', { pageSize: 100 }), enabled: canAssign });
  const asked = useQuery({ queryKey: ['oversight', 'dispatch', 'mine'], queryFn: () => api.get<Page<Asked>>('/api/v1/dispatch-questions/mine'), enabled: me.permissions.includes('workitem.write') });
  const current = selected ?? questions.data?.items[0]?.id;

  return (
    <>
      <PageHeader title="周调度" actions={canAssign && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>发起调度</Button>} />
      {canAssign && (
        <Card>
          <Table<Question> rowKey="id" size="middle" loading={questions.isLoading} dataSource={questions.data?.items} pagination={false}
            locale={{ emptyText: questions.error ? errorMessage(questions.error) : '暂无调度（在事项上发起）' }}
            rowSelection={{ type: 'radio', selectedRowKeys: current ? [current] : [], onChange: (keys) => setSelected(Number(keys[0])) }}
            columns={[
              { title: '调度问题', dataIndex: 'question' },
              { title: '频次', dataIndex: 'cadence', width: 70, render: (c: string) => cadenceLabels[c] },
              { title: '本期填报', key: 'answered', width: 170, render: (_: unknown, q) => <Progress size="small" percent={Math.round((q.answered / Math.max(1, q.items)) * 100)} format={() => `${q.answered}/${q.items}`} /> },
              { title: '状态', dataIndex: 'active', width: 80, render: (a: boolean) => (a ? <Tag color="processing">进行中</Tag> : <Tag>已停止</Tag>) },
            ]} />
        </Card>
      )}
      {canAssign && current && <QuestionBoard id={current} />}
      {!!asked.data?.items.length && (
        <Card title="需要我填报的调度" style={{ marginTop: 12 }}>
          <List dataSource={asked.data.items} renderItem={(a) => (
            <List.Item actions={[<Button key="a" size="small" icon={<EditOutlined />} onClick={() => setAnswering(a)}>{a.answer ? '更新' : '填报'}</Button>]}>
              <List.Item.Meta title={`${a.title}（${a.ownerName}）`} description={<>{a.question} · {a.answer ? `本期已填报 ${a.answer.percent}%：${a.answer.note}` : '本期未填报'}</>} />
            </List.Item>
          )} />
        </Card>
      )}
      {!canAssign && !asked.data?.items.length && <Card><Empty description="暂无需要填报的调度" /></Card>}
      {creating && (
        <FormDialog<{ question: string; cadence: string; workItemIds: number[] }, { id: number }>
          title="发起调度" width={640} successText="调度已发起，责任人已收到通知" initialValues={{ cadence: 'weekly' }}
          submit={(v) => api.post<{ id: number }>('/api/v1/dispatch-questions', { ...v, orgId: root.data?.items[0]?.id })}
          onSuccess={(r) => { setSelected(r.id); void qc.invalidateQueries({ queryKey: ['oversight', 'dispatch'] }); }} onClose={() => setCreating(false)}
        >
          <Form.Item name="question" label="调度问题" rules={[{ required: true, message: '请填写调度问题' }]}><Input maxLength={500} /></Form.Item>
          <Form.Item name="cadence" label="频次"><Select options={Object.entries(cadenceLabels).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="workItemIds" label="调度事项" rules={[{ required: true, message: '请选择事项' }]}><ItemSelect /></Form.Item>
        </FormDialog>
      )}
      {answering && (
        <FormDialog<{ note: string; percent: number }>
          title={`填报进展：${answering.title}`} successText="进展已填报" initialValues={{ percent: answering.answer?.percent ?? 0, note: answering.answer?.note }}
          submit={(v) => api.post(`/api/v1/dispatch-questions/${answering.questionId}/answers`, { ...v, workItemId: answering.workItemId })}
          onSuccess={() => void qc.invalidateQueries({ queryKey: ['oversight', 'dispatch'] })} onClose={() => setAnswering(null)}
        >
          <Form.Item name="note" label="进展情况" rules={[{ required: true, message: '请填写进展情况' }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          <Form.Item name="percent" label="完成进度（%）" rules={[{ required: true }]}><InputNumber min={0} max={100} /></Form.Item>
        </FormDialog>
      )}
    </>
  );
}

