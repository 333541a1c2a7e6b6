import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, Card, Form, InputNumber, Select, Space, Steps, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import { useAuth } from '../app/auth';
import { PageHeader } from '../app/PageHeader';
import { errorMessage, useFeedback } from '../app/feedback';
import { FormDialog } from '../app/FormDialog';
import type { ActivityItem } from './activity-api';
import { formatWhen } from './format';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { reviewStageLabels, reviewStages, trainingKeys, yearOptions, type ReviewDetail, type ReviewItem, type ReviewStage } from './training-api';

const stageStatus = (r: ReviewItem, s: ReviewStage) => {
  const st = r.stages.find((x) => x.stage === s);
  return !st ? 'wait' : st.endedAt ? 'finish' : 'process';
};

/** 民主评议党员: the reviews of the caller's branches, each with where it stands in its four stages. */
export function MemberReviewsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [orgId, setOrgId] = useState<number>();
  const [year, setYear] = useState<number>();
  const list = useQuery({ queryKey: trainingKeys.reviews({ orgId, year }), queryFn: () => api.get<{ items: ReviewItem[]; total: number }>('/api/v1/member-reviews', { orgId, year }) });
  return (
    <>
      <PageHeader title="民主评议党员" actions={can('activity.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>开展民主评议</Button>} />
      {creating && <CreateReviewDialog onClose={() => setCreating(false)} onCreated={(id) => navigate(`/member-reviews/${id}`)} />}
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <OrgTreeSelect aria-label="党组织" value={orgId} onChange={setOrgId} allowClear placeholder="全部党组织" style={{ width: 240 }} />
          <Select aria-label="年度" allowClear placeholder="评议年度" value={year} onChange={setYear} options={yearOptions()} style={{ width: 120 }} />
        </Space>
        <Table<ReviewItem>
          rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data?.items} scroll={{ x: 900 }}
          locale={{ emptyText: list.error ? errorMessage(list.error) : '暂无民主评议（在“民主评议党员”类活动上开展）' }}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 次` }}
          columns={[
            { title: '年度', dataIndex: 'year', width: 80 },
            { title: '党组织', dataIndex: 'orgName', render: (v: string, r) => <Link to={`/member-reviews/${r.id}`}>{v}</Link> },
            { title: '进度', width: 520, render: (_, r) => <Steps size="small" items={reviewStages.map((s) => ({ title: reviewStageLabels[s], status: stageStatus(r, s) }))} /> },
          ]}
        />
      </Card>
    </>
  );
}

/** Starts a review on a member_review activity of the caller's organisations (the grades in force are kept with it). */
function CreateReviewDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const activities = useQuery({
    queryKey: ['activities', { kind: 'member_review' }],
    queryFn: () => api.get<Page<ActivityItem>>('/api/v1/activities', { kind: 'member_review', pageSize: 100 }),
  });
  return (
    <FormDialog<{ activityId: number; year?: number }, ReviewDetail> title="开展民主评议" successText="民主评议已开始建档" onClose={onClose}
      submit={(v) => api.post<ReviewDetail>('/api/v1/member-reviews', v)} onSuccess={(r) => onCreated(r.id)}>
      <Form.Item name="activityId" label="“民主评议党员”活动" rules={[{ required: true, message: '请选择活动' }]}>
        <Select showSearch optionFilterProp="label" loading={activities.isFetching}
          options={activities.data?.items.map((a) => ({ value: a.id, label: `${formatWhen(a.startsAt)} ${a.orgName} ${a.title}` }))} />
      </Form.Item>
      <Form.Item name="year" label="评议年度（默认为活动所在年度）"><Select allowClear options={yearOptions()} /></Form.Item>
    </FormDialog>
  );
}

/** One review: move through the stages in order, record the secret vote's tallies and the ratings. */
export function MemberReviewDetailPage() {
  const id = Number(useParams().id);
  const { can } = useAuth();
  const feedback = useFeedback();
  const qc = useQueryClient();
  const detail = useQuery({ queryKey: trainingKeys.review(id), queryFn: () => api.get<ReviewDetail>(`/api/v1/member-reviews/${id}`) });
  const [ballots, setBallots] = useState<number | null>(null);
  const [tallies, setTallies] = useState<Record<number, Record<string, number>>>({});
  const r = detail.data;
  const set = (d: ReviewDetail) => qc.setQueryData(trainingKeys.review(id), d);
  const send = (p: Promise<ReviewDetail>, ok: string) => p.then((d) => { set(d); feedback.success(ok); }).catch((e) => feedback.fail(e, { onReload: () => void detail.refetch() }));
  if (!r) return <><PageHeader title="民主评议党员" />{detail.error && <Card>{errorMessage(detail.error)}</Card>}</>;
  const open = r.stages.find((s) => !s.endedAt)?.stage;
  const next = reviewStages.find((s) => !r.stages.some((x) => x.stage === s));
  const write = can('activity.write');
  const votesOf = (memberId: number) => tallies[memberId] ?? r.entries.find((e) => e.memberId === memberId)?.votes ?? {};
  const saveTallies = () => send(api.put<ReviewDetail>(`/api/v1/member-reviews/${id}/tallies`, {
    version: r.version, ballots: ballots ?? r.ballots ?? 0, tallies: r.entries.map((e) => ({ memberId: e.memberId, votes: votesOf(e.memberId) })),
  }), '计票结果已保存');
  return (
    <>
      <PageHeader title={`${r.orgName} ${r.year}年度民主评议党员`} actions={write && (
        <>
          {open && <Button onClick={() => send(api.post(`/api/v1/member-reviews/${id}/stages`, { version: r.version, stage: open, action: 'end' }), `${reviewStageLabels[open]}已结束`)}>结束{reviewStageLabels[open]}</Button>}
          {!open && next && <Button type="primary" onClick={() => send(api.post(`/api/v1/member-reviews/${id}/stages`, { version: r.version, stage: next, action: 'start' }), `${reviewStageLabels[next]}已开始`)}>开始{reviewStageLabels[next]}</Button>}
        </>
      )}>
        <Link to={`/activities/${r.activityId}`}>{r.activityTitle}</Link>
      </PageHeader>
      <Card style={{ marginBottom: 16 }}>
        <Steps items={reviewStages.map((s) => ({ title: reviewStageLabels[s], status: stageStatus(r, s) }))} />
        <p style={{ marginTop: 12, color: '#666' }}>民主测评为无记名投票：系统只保存每名党员各等次的得票数，不记录任何人的投票内容。</p>
      </Card>
      <Card title="评议情况" extra={open === 'secret_vote' && write && (
        <Space>
          收回选票 <InputNumber aria-label="收回选票数" min={0} value={ballots ?? r.ballots} onChange={(v) => setBallots(v)} />
          <Button type="primary" onClick={saveTallies}>保存计票</Button>
        </Space>
      )}>
        <Table
          rowKey="memberId" size="small" dataSource={r.entries} pagination={{ pageSize: 30 }} scroll={{ x: 900 }}
          columns={[
            { title: '姓名', dataIndex: 'memberName', width: 100, fixed: 'left' },
            ...r.grades.map((g) => ({
              title: `${g}（票）`, width: 100, render: (_: unknown, e: ReviewDetail['entries'][number]) => (open === 'secret_vote' && write
                ? <InputNumber aria-label={`${e.memberName}${g}票数`} size="small" min={0} value={votesOf(e.memberId)[g] ?? 0}
                  onChange={(v) => setTallies((t) => ({ ...t, [e.memberId]: { ...votesOf(e.memberId), [g]: v ?? 0 } }))} />
                : (e.votes[g] ?? 0)),
            })),
            {
              title: '评定等次', width: 140, render: (_: unknown, e: ReviewDetail['entries'][number]) => (open === 'rating' && write
                ? <Select aria-label={`${e.memberName}评定等次`} size="small" style={{ width: 110 }} value={e.rating ?? undefined} options={r.grades.map((g) => ({ value: g, label: g }))}
                  onChange={(rating) => send(api.patch(`/api/v1/member-reviews/${id}/entries`, { version: r.version, memberId: e.memberId, rating }), '已评定')} />
                : e.rating && <Tag color={e.rating === r.grades[0] ? 'gold' : e.rating === r.grades.at(-1) ? 'red' : 'blue'}>{e.rating}</Tag>),
            },
            { title: '个人自评', dataIndex: 'selfAssessment', ellipsis: true },
            { title: '党员互评', dataIndex: 'peerAssessment', ellipsis: true },
          ]}
        />
      </Card>
    </>
  );
}
