import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, List, Select, Space, Spin, Table, Tag } from 'antd';
import { DownloadOutlined, EditOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/api';
import { useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { DateInput, formatInstant } from '../app/DateInput';
import { FormDialog } from '../app/FormDialog';
import { errorMessage, useFeedback } from '../app/feedback';
import {
  activityKeys, attendanceColors, attendanceLabels, stateColors, stateLabels, useActivity, useKinds,
  type ActivityDetail, type AttendanceItem, type AttendanceStatus,
} from './activity-api';
import { formatSpan } from './format';
import { AttachmentsCard } from './AttachmentsCard';

type Row = Pick<AttendanceItem, 'memberId' | 'status' | 'reason' | 'makeupOn' | 'makeupHow'>;

/** 活动详情: the minutes as they will be bound, attendance, and the steps planned → held → signed. */
export function ActivityDetailPage() {
  const id = Number(useParams().id);
  const detail = useActivity(id);
  if (detail.error) return <Alert type="error" message={errorMessage(detail.error)} />;
  if (!detail.data) return <Spin size="large" />;
  return <Detail a={detail.data} />;
}

function Detail({ a }: { a: ActivityDetail }) {
  const { can, me } = useAuth();
  const kinds = useKinds();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [dialog, setDialog] = useState<'cancel' | 'correct' | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: activityKeys.all });
  const step = useMutation({
    mutationFn: (action: 'hold' | 'sign') => api.post(`/api/v1/activities/${a.id}/${action}`, { version: a.version }),
    onSuccess: (_r, action) => { feedback.success(action === 'hold' ? '已登记为已召开' : '已签署'); void refresh(); },
    onError: (e) => feedback.fail(e, { onReload: refresh }),
  });
  const writable = can('activity.write');
  const editable = writable && (a.state === 'planned' || a.state === 'held');
  const mySignature = me.memberId !== null && (a.host?.id === me.memberId || a.recorder?.id === me.memberId);
  const exportAttendance = () => api.download('GET', `/api/v1/activities/${a.id}/attendance/export`, { fallbackName: '出席情况.xlsx' }).catch((e) => feedback.fail(e));

  return (
    <>
      <PageHeader
        title={a.title}
        actions={(
          <>
            {editable && <Button icon={<EditOutlined />} onClick={() => navigate(`/activities/${a.id}/edit`)}>编辑</Button>}
            {writable && (a.state === 'planned' || a.state === 'held') && <Button icon={<QrcodeOutlined />} onClick={() => navigate(`/activities/${a.id}/checkin-screen`)}>签到屏</Button>}
            {writable && a.state === 'planned' && <Button type="primary" loading={step.isPending} onClick={() => step.mutate('hold')}>登记已召开</Button>}
            {mySignature && a.state === 'held' && <Button type="primary" loading={step.isPending} onClick={() => step.mutate('sign')}>签署会议记录</Button>}
            {writable && a.state === 'signed' && <Button onClick={() => setDialog('correct')}>更正</Button>}
            {editable && <Button danger onClick={() => setDialog('cancel')}>取消活动</Button>}
            <Button icon={<DownloadOutlined />} onClick={exportAttendance}>导出出席情况</Button>
          </>
        )}
      >
        <Space wrap>
          <Tag color={stateColors[a.state]}>{stateLabels[a.state]}</Tag>
          <Tag>{a.kindLabel}</Tag>
          {a.backfilled && <Tag color="volcano">补录</Tag>}
          {a.revision > 1 && <Tag>第 {a.revision} 版（已更正）</Tag>}
        </Space>
      </PageHeader>

      {a.problems.length > 0 && a.state === 'held' && (
        <Alert style={{ marginBottom: 16 }} type="warning" showIcon message="会议记录尚不完整，主持人和记录人签署前须补齐："
          description={<ul style={{ margin: 0 }}>{a.problems.map((p) => <li key={p.path + p.message}>{p.message}</li>)}</ul>} />
      )}
      {a.state === 'cancelled' && <Alert style={{ marginBottom: 16 }} type="info" message={`活动已取消：${a.cancelReason ?? ''}`} />}

      <Card title="会议记录" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="党组织">{a.orgName}</Descriptions.Item>
          <Descriptions.Item label="时间">{formatSpan(a.startsAt, a.endsAt)}</Descriptions.Item>
          <Descriptions.Item label="地点">{a.place}</Descriptions.Item>
          <Descriptions.Item label="应到 / 实到 / 缺席">{`${a.counts.expected} / ${a.counts.present} / ${a.counts.absent}`}{a.counts.guests ? `，列席 ${a.counts.guests}` : ''}</Descriptions.Item>
          <Descriptions.Item label="主持人">{a.host?.name}{a.hostSignedAt && <Tag color="green" style={{ marginLeft: 8 }}>已签 {formatInstant(a.hostSignedAt)}</Tag>}</Descriptions.Item>
          <Descriptions.Item label="记录人">{a.recorder?.name}{a.recorderSignedAt && <Tag color="green" style={{ marginLeft: 8 }}>已签 {formatInstant(a.recorderSignedAt)}</Tag>}</Descriptions.Item>
          {a.lecturer && <Descriptions.Item label="主讲人">{a.lecturer.name}</Descriptions.Item>}
          {a.alsoCountsFor.length > 0 && <Descriptions.Item label="同时计入">{a.alsoCountsFor.map((c) => kinds.data?.items.find((k) => k.code === c)?.label ?? c).join('、')}</Descriptions.Item>}
          {a.recordedAt && <Descriptions.Item label="录入">{formatInstant(a.recordedAt)}（{a.recordedVia === 'entered' ? '手工录入' : a.recordedVia === 'imported' ? '导入' : '演示数据'}）</Descriptions.Item>}
          {a.quorum && <Descriptions.Item label="法定人数">{a.quorum.label}：应到 {a.quorum.expectedVoters}，实到 {a.quorum.presentVoters} {a.quorum.met ? <Tag color="green">已达到</Tag> : <Tag color="red">未达到</Tag>}</Descriptions.Item>}
        </Descriptions>
        <h3 style={{ marginTop: 16 }}>议题</h3>
        <ol>{a.topics.map((t, i) => <li key={i}>{t.title}{t.isFirstTopic && <Tag color="red" style={{ marginLeft: 8 }}>第一议题</Tag>}</li>)}</ol>
        <h3>会议内容</h3>
        <div style={{ whiteSpace: 'pre-wrap' }}>{a.content || '（未填写）'}</div>
        <h3 style={{ marginTop: 16 }}>决议</h3>
        <div style={{ whiteSpace: 'pre-wrap' }}>{a.resolutions || '（未填写）'}</div>
        {a.votes.length > 0 && (
          <Table size="small" style={{ marginTop: 16 }} rowKey="motion" pagination={false} dataSource={a.votes}
            columns={[
              { title: '表决事项', dataIndex: 'motion' },
              { title: '赞成/反对/弃权', render: (_, v) => `${v.votesFor} / ${v.votesAgainst} / ${v.votesAbstain}` },
              { title: '应到/实到有表决权', render: (_, v) => `${v.expectedVoters} / ${v.presentVoters}` },
              { title: '结果', render: (_, v) => (!v.valid ? <Tag color="red">无效（未达法定人数）</Tag> : v.passed ? <Tag color="green">通过</Tag> : <Tag>未通过</Tag>) },
            ]} />
        )}
      </Card>

      <AttendanceCard a={a} writable={writable} onSaved={refresh} />
      <AttachmentsCard a={a} writable={writable} onSaved={refresh} />

      {a.revisions.length > 0 && (
        <Card title="更正记录" style={{ marginTop: 16 }}>
          <List dataSource={a.revisions} renderItem={(r) => <List.Item>第 {r.revision} 版于 {formatInstant(r.createdAt)} 由 {r.userName} 更正：{r.reason}</List.Item>} />
        </Card>
      )}

      {dialog === 'cancel' && (
        <FormDialog<{ reason: string }> title="取消活动" danger okText="取消活动" onClose={() => setDialog(null)} onReload={refresh} onSuccess={refresh} successText="已取消"
          submit={(v) => api.post(`/api/v1/activities/${a.id}/cancel`, { version: a.version, reason: v.reason })}>
          <Form.Item name="reason" label="取消原因" rules={[{ required: true, message: '请填写原因' }]}><Input.TextArea rows={3} /></Form.Item>
        </FormDialog>
      )}
      {dialog === 'correct' && (
        <FormDialog<{ reason: string; place: string; content: string; resolutions: string }> title="更正已签署的会议记录" onClose={() => setDialog(null)} onReload={refresh} onSuccess={refresh} successText="已更正，原记录已留存"
          initialValues={{ place: a.place ?? '', content: a.content ?? '', resolutions: a.resolutions ?? '' }} width={640}
          submit={(v) => api.post(`/api/v1/activities/${a.id}/correct`, { version: a.version, reason: v.reason, changes: { place: v.place || null, content: v.content || null, resolutions: v.resolutions || null } })}>
          <Form.Item name="reason" label="更正原因" rules={[{ required: true, message: '请填写更正原因' }]}><Input /></Form.Item>
          <Form.Item name="place" label="地点"><Input /></Form.Item>
          <Form.Item name="content" label="会议内容"><Input.TextArea rows={4} /></Form.Item>
          <Form.Item name="resolutions" label="决议"><Input.TextArea rows={3} /></Form.Item>
        </FormDialog>
      )}
    </>
  );
}

/** The attendance grid: the host's marking counts the same as a check-in; a signed activity takes only make-ups. */
function AttendanceCard({ a, writable, onSaved }: { a: ActivityDetail; writable: boolean; onSaved: () => void }) {
  const feedback = useFeedback();
  const [rows, setRows] = useState<Record<number, Row>>({});
  const locked = a.state === 'signed';
  const editing = writable && a.state !== 'cancelled';
  const value = (r: AttendanceItem): Row => rows[r.memberId] ?? { memberId: r.memberId, status: r.status, reason: r.reason, makeupOn: r.makeupOn, makeupHow: r.makeupHow };
  const change = (r: AttendanceItem, patch: Partial<Row>) => setRows((m) => ({ ...m, [r.memberId]: { ...value(r), ...patch } }));
  const save = useMutation({
    mutationFn: () => api.put(`/api/v1/activities/${a.id}/attendance`, { version: a.version, rows: Object.values(rows) }),
    onSuccess: () => { setRows({}); feedback.success('出席情况已保存'); onSaved(); },
    onError: (e) => feedback.fail(e, { onReload: onSaved }),
  });
  const markAllPresent = () => setRows((m) => ({
    ...m,
    ...Object.fromEntries(a.attendance.filter((r) => r.expected && value(r).status === 'pending').map((r) => [r.memberId, { ...value(r), status: 'present' as const }])),
  }));
  const options = (r: AttendanceItem) => (r.expected ? ['pending', 'present', 'leave', 'absent'] : ['guest', 'present']).map((s) => ({ value: s, label: attendanceLabels[s as AttendanceStatus] }));
  const dirty = Object.keys(rows).length > 0;

  return (
    <Card title="出席情况" extra={editing && (
      <Space>
        {!locked && <Button onClick={markAllPresent}>未登记的全部记为出席</Button>}
        <Button type="primary" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()}>保存出席情况</Button>
      </Space>
    )}>
      <Table<AttendanceItem> size="small" rowKey="memberId" pagination={false} dataSource={a.attendance} scroll={{ x: 900 }}
        columns={[
          { title: '姓名', dataIndex: 'memberName', width: 110, render: (v: string, r) => <>{v}{!r.voter && r.expected && <Tag style={{ marginLeft: 4 }}>无表决权</Tag>}</> },
          {
            title: '出席', width: 120,
            render: (_, r) => (editing && !locked
              ? <Select size="small" aria-label={`${r.memberName}出席情况`} style={{ width: 100 }} value={value(r).status} options={options(r)} onChange={(status: AttendanceStatus) => change(r, { status })} />
              : <Tag color={attendanceColors[r.status]}>{attendanceLabels[r.status]}</Tag>),
          },
          {
            title: '缺席/请假原因',
            render: (_, r) => (editing && !locked && (value(r).status === 'absent' || value(r).status === 'leave')
              ? <Input size="small" aria-label={`${r.memberName}缺席原因`} value={value(r).reason ?? ''} onChange={(e) => change(r, { reason: e.target.value || null })} />
              : r.reason),
          },
          { title: '签到', width: 150, render: (_, r) => (r.checkedInAt ? `${formatInstant(r.checkedInAt).slice(11, 16)} ${r.via === 'self' ? '本人签到' : '主持人登记'}` : '') },
          {
            title: '补课', width: 300,
            render: (_, r) => ((r.status === 'absent' || r.status === 'leave') && editing
              ? (
                <Space size={4}>
                  <DateInput value={value(r).makeupOn} onChange={(makeupOn) => change(r, { makeupOn })} placeholder="补课日期" />
                  <Input size="small" placeholder="补课方式" value={value(r).makeupHow ?? ''} onChange={(e) => change(r, { makeupHow: e.target.value || null })} />
                </Space>
              )
              : r.makeupOn ? `${r.makeupOn} ${r.makeupHow ?? ''}` : ''),
          },
        ]} />
    </Card>
  );
}
