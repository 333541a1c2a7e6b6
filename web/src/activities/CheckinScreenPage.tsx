import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Card, Col, Row, Spin, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { api } from '../app/api';
import { PageHeader } from '../app/PageHeader';
import { errorMessage } from '../app/feedback';
import { activityKeys, useActivity, type AttendanceList } from './activity-api';
import { formatSpan } from './format';
import './activities.css';

interface Screen {
  code: string;
  path: string;
  rotatesInMs: number;
  validFrom: string;
  validTo: string;
}

/** 签到屏, for a projector: a QR code that changes every 30 seconds, the 6-digit code, and who has checked in. */
export function CheckinScreenPage() {
  const id = Number(useParams().id);
  const activity = useActivity(id);
  const screen = useQuery({
    queryKey: ['activities', 'checkin-code', id],
    queryFn: () => api.get<Screen>(`/api/v1/activities/${id}/checkin-code`),
    // asks again just after the code rotates
    refetchInterval: (q) => (q.state.data ? q.state.data.rotatesInMs + 500 : 30_000),
    staleTime: 0,
  });
  const live = useQuery({
    queryKey: activityKeys.attendance(id),
    queryFn: () => api.get<AttendanceList>(`/api/v1/activities/${id}/attendance`),
    refetchInterval: 5000,
    staleTime: 0,
  });
  const [qr, setQr] = useState<string>();
  useEffect(() => {
    if (!screen.data) return;
    void QRCode.toDataURL(`${window.location.origin}${screen.data.path}`, { errorCorrectionLevel: 'M', margin: 1, width: 320 }).then(setQr);
  }, [screen.data]);

  if (screen.error) return <Alert type="error" message={errorMessage(screen.error)} />;
  if (!screen.data || !activity.data) return <Spin size="large" />;
  const items = live.data?.items ?? [];
  const arrived = items.filter((r) => r.status === 'present' || r.status === 'guest');
  const waiting = items.filter((r) => r.expected && r.status !== 'present');

  return (
    <div className="checkin-screen">
      <PageHeader title={`${activity.data.title} · 签到`}>
        <div>{formatSpan(activity.data.startsAt, activity.data.endsAt)} {activity.data.place}</div>
      </PageHeader>
      <Row gutter={24}>
        <Col xs={24} md={10}>
          <Card className="checkin-code-card">
            {qr && <img src={qr} alt="签到二维码" className="checkin-qr" />}
            <div className="checkin-hint">手机扫码签到，或在“我的活动”中输入签到码</div>
            <div className="checkin-code" aria-label="签到码">{screen.data.code}</div>
            <div className="checkin-hint">二维码每30秒更新 · 签到自愿，主持人登记同样有效</div>
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card title={`已签到 ${live.data?.counts.present ?? 0} / 应到 ${live.data?.counts.expected ?? 0}${live.data?.counts.guests ? `，列席 ${live.data.counts.guests}` : ''}`}>
            <div className="checkin-names" aria-label="已签到">
              {arrived.map((r) => <Tag key={r.memberId} color={r.status === 'guest' ? 'purple' : 'green'} className="checkin-name">{r.memberName}{r.status === 'guest' ? '（列席）' : ''}</Tag>)}
            </div>
            <h3 style={{ marginTop: 16 }}>未签到</h3>
            <div className="checkin-names" aria-label="未签到">
              {waiting.map((r) => <Tag key={r.memberId} className="checkin-name">{r.memberName}</Tag>)}
            </div>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
