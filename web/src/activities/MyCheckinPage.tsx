import { useEffect, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Button, Result, Spin } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api } from '../app/api';
import { errorMessage } from '../app/feedback';

/**
 * Where the check-in QR code leads. A scan without a session lands on the login page first, and the address stays
 * put, so the check-in happens right after signing in. It marks only the signed-in person.
 */
export function MyCheckinPage() {
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const checkin = useMutation({
    mutationFn: () => api.post<{ status: string; alreadyCheckedIn: boolean; activityTitle: string }>(`/api/v1/activities/${id}/checkin`, { token }),
  });
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    checkin.mutate();
  }, [checkin]);

  const back = <Link to="/me/activities"><Button type="primary">我的活动</Button></Link>;
  if (checkin.isError) return <Result status="warning" title="签到未成功" subTitle={`${errorMessage(checkin.error)}。也可在“我的活动”中输入签到码。`} extra={back} />;
  if (!checkin.data) return <Spin size="large" />;
  const r = checkin.data;
  return (
    <Result status="success" title={r.alreadyCheckedIn ? '您已签到过' : r.status === 'guest' ? '已签到（列席）' : '签到成功'} subTitle={r.activityTitle} extra={back} />
  );
}
