import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, type Page } from '../app/api';
import { FormDialog } from '../app/FormDialog';
import { DateInput } from '../app/DateInput';
import { PageHeader } from '../app/PageHeader';
import { errorMessage, useFeedback } from '../app/feedback';
import { useAuth } from '../app/auth';
import { fetchRootOrg } from './oversight-api';

interface Bulletin { id: number; title: string; orgName: string; periodStart: string; periodEnd: string; state: 'draft' | 'published'; publishedAt: string | null; comment: string | null; version: number }
interface RankRow { orgId: number; orgName: string; rank: number; due: number; signedOffOnTime: number; closedLate: number; overdue: number; onTimeRate: number | null; promptsReceived: number; promptsAcknowledged: number }
interface BulletinDetail extends Bulletin { ranking: RankRow[]; canManage: boolean }

/** 通报讲评: the quarterly rankings, generated from the items and published with the committee's comment. */
export function BulletinsPage() {
  const { me } = useAuth();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: ['oversight', 'bulletins'], queryFn: () => api.get<Page<Bulletin>>('/api/v1/bulletins', { pageSize: 50 }) });
  const root = useQuery({ queryKey: ['oversight', 'root'], queryFn: fetchRootOrg, enabled: creating });
  const q = dayjs().subtract(3, 'month');
  const qStart = q.month(Math.floor(q.month() / 3) * 3).date(1);

  return (
    <>
      <PageHeader title="通报讲评" actions={me.permissions.includes('inspection.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>生成通报</Button>} />
      <Card>
        <Table<Bulletin> rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items} pagination={false}
          locale={{ emptyText: list.error ? errorMessage(list.error) : '暂无通报' }}
          columns={[
            { title: '通报', dataIndex: 'title', render: (t: string, b) => <Link to={`/oversight/bulletins/${b.id}`}>{t}</Link> },
            { title: '期间', key: 'p', width: 220, render: (_: unknown, b) => `${b.periodStart} 至 ${b.periodEnd}` },
            { title: '状态', dataIndex: 'state', width: 120, render: (s: string, b) => (s === 'published' ? <Tag color="success">已发布 {b.publishedAt?.slice(0, 10)}</Tag> : <Tag>草稿</Tag>) },
          ]} />
      </Card>
      {creating && (
        <FormDialog<{ title: string; periodStart: string; periodEnd: string }, BulletinDetail>
          title="生成通报" successText="通报已按当前数据生成"
          initialValues={{ title: `${qStart.year()}年第${Math.floor(qStart.month() / 3) + 1}季度机关党建工作通报`, periodStart: qStart.format('YYYY-MM-DD'), periodEnd: qStart.add(3, 'month').subtract(1, 'day').format('YYYY-MM-DD') }}
          submit={(v) => api.post<BulletinDetail>('/api/v1/bulletins', { ...v, orgId: root.data?.items[0]?.id })}
          onSuccess={() => void qc.invalidateQueries({ queryKey: ['oversight', 'bulletins'] })} onClose={() => setCreating(false)}
        >
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}><Input maxLength={100} /></Form.Item>
          <Space>
            <Form.Item name="periodStart" label="开始日期" rules={[{ required: true }]}><DateInput /></Form.Item>
            <Form.Item name="periodEnd" label="结束日期" rules={[{ required: true }]}><DateInput /></Form.Item>
          </Space>
        </FormDialog>
      )}
    </>
  );
}

export function BulletinDetailPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const feedback = useFeedback();
  const [editing, setEditing] = useState(false);
  const detail = useQuery({ queryKey: ['oversight', 'bulletins', id], queryFn: () => api.get<BulletinDetail>(`/api/v1/bulletins/${id}`) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['oversight', 'bulletins'] });
  const b = detail.data;
  if (!b) return <PageHeader title="通报讲评">{detail.error && <Alert type="error" message={errorMessage(detail.error)} />}</PageHeader>;
  const draft = b.state === 'draft' && b.canManage;
  const publish = async () => {
    try {
      await api.post(`/api/v1/bulletins/${id}/publish`, { version: b.version });
      feedback.success('通报已发布，各党组织书记已收到通知');
      await refresh();
    } catch (e) { feedback.fail(e, { onReload: () => void refresh() }); }
  };
  return (
    <>
      <PageHeader title={b.title} actions={draft && <>
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>编辑讲评</Button>
        <Button type="primary" icon={<SendOutlined />} onClick={() => void publish()}>发布</Button>
      </>}>
        <Typography.Text type="secondary">{b.orgName} · {b.periodStart} 至 {b.periodEnd} · {b.state === 'published' ? `${b.publishedAt?.slice(0, 10)} 发布` : '草稿'}</Typography.Text>
      </PageHeader>
      <Card title="讲评" style={{ marginBottom: 12 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{b.comment || '（尚未填写讲评意见）'}</Typography.Paragraph>
      </Card>
      <Card title="按时销号排名（按党组织，依据期内到期事项生成）">
        <Table<RankRow> rowKey="orgId" size="small" dataSource={b.ranking} pagination={{ pageSize: 30, showSizeChanger: false }} columns={[
          { title: '名次', dataIndex: 'rank', width: 60 },
          { title: '党组织', dataIndex: 'orgName' },
          { title: '到期事项', dataIndex: 'due', width: 90, align: 'right' },
          { title: '按时销号', dataIndex: 'signedOffOnTime', width: 90, align: 'right' },
          { title: '按时销号率', dataIndex: 'onTimeRate', width: 100, align: 'right', render: (r: number | null) => (r === null ? '—' : `${r}%`) },
          { title: '逾期未办', dataIndex: 'overdue', width: 90, align: 'right', render: (n: number) => (n ? <Tag color="error">{n}</Tag> : 0) },
          { title: '工作提示签收', key: 'ack', width: 110, align: 'right', render: (_: unknown, r) => `${r.promptsAcknowledged}/${r.promptsReceived}` },
        ]} />
      </Card>
      {editing && (
        <FormDialog<{ title: string; comment: string }>
          title="编辑讲评" width={640} successText="已保存" initialValues={{ title: b.title, comment: b.comment ?? '' }}
          submit={(v) => api.patch(`/api/v1/bulletins/${id}`, { version: b.version, title: v.title, comment: v.comment || null })}
          onSuccess={() => void refresh()} onReload={() => void refresh()} onClose={() => setEditing(false)}
        >
          <Form.Item name="title" label="标题" rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="comment" label="讲评意见"><Input.TextArea rows={8} maxLength={5000} /></Form.Item>
        </FormDialog>
      )}
    </>
  );
}
