import { useState } from 'react';
import { Alert, Button, Card, Empty, Input, Segmented, Space, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../app/api';
import { PageHeader } from '../app/PageHeader';
import { errorMessage, useFeedback } from '../app/feedback';
import { activityKeys, attendanceColors, attendanceLabels, type MyActivity } from './activity-api';
import { formatSpan } from './format';
import './activities.css';

/** 我的活动, made for a phone: what is coming, check in with the code, and my attendance record. */
export function MyActivitiesPage() {
  const [view, setView] = useState<'upcoming' | 'record'>('upcoming');
  const mine = useQuery({ queryKey: activityKeys.mine, queryFn: () => api.get<{ items: MyActivity[] }>('/api/v1/me/activities') });
  const items = mine.data?.items ?? [];
  const upcoming = items.filter((a) => dayjs(a.endsAt).add(2, 'hour').isAfter(dayjs()) && a.state !== 'signed').reverse();
  const record = items.filter((a) => !upcoming.includes(a));
  const shown = view === 'upcoming' ? upcoming : record;
  return (
    <div className="my-activities">
      <PageHeader title="我的活动" />
      <Segmented block value={view} onChange={(v) => setView(v as typeof view)} style={{ marginBottom: 12 }}
        options={[{ value: 'upcoming', label: `近期活动（${upcoming.length}）` }, { value: 'record', label: '参加记录' }]} />
      {mine.error && <Alert type="error" message={errorMessage(mine.error)} />}
      {!mine.isLoading && shown.length === 0 && <Empty description={view === 'upcoming' ? '近期没有需要参加的活动' : '暂无记录'} />}
      {shown.map((a) => <MyActivityCard key={a.id} a={a} canCheckIn={view === 'upcoming'} />)}
    </div>
  );
}

function MyActivityCard({ a, canCheckIn }: { a: MyActivity; canCheckIn: boolean }) {
  const [code, setCode] = useState('');
  const feedback = useFeedback();
  const client = useQueryClient();
  const checkin = useMutation({
    mutationFn: () => api.post<{ status: string; alreadyCheckedIn: boolean }>(`/api/v1/activities/${a.id}/checkin`, { code }),
    onSuccess: (r) => {
      feedback.success(r.alreadyCheckedIn ? '您已签到过' : r.status === 'guest' ? '已签到（列席）' : '签到成功');
      void client.invalidateQueries({ queryKey: activityKeys.mine });
    },
    onError: (e) => feedback.fail(e),
  });
  const checkedIn = a.myStatus === 'present' || a.myStatus === 'guest';
  return (
    <Card className="my-activity-card" size="small" title={a.title} extra={<Tag color={attendanceColors[a.myStatus]}>{attendanceLabels[a.myStatus]}</Tag>}>
      <div>{a.kindLabel} · {a.orgName}</div>
      <div>{formatSpan(a.startsAt, a.endsAt)}</div>
      {a.place && <div>地点：{a.place}</div>}
      {a.reason && <div>原因：{a.reason}</div>}
      {a.makeupOn && <div>补课：{a.makeupOn} {a.makeupHow}</div>}
      {canCheckIn && !checkedIn && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input className="my-code-input" inputMode="numeric" maxLength={6} placeholder="6位签到码" aria-label={`${a.title}签到码`}
            value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />
          <Button type="primary" size="large" disabled={code.length !== 6} loading={checkin.isPending} onClick={() => checkin.mutate()}>签到</Button>
        </Space.Compact>
      )}
      {checkedIn && a.checkedInAt && <div style={{ color: '#389e0d', marginTop: 4 }}>已于 {dayjs(a.checkedInAt).format('HH:mm')} 签到</div>}
    </Card>
  );
}
