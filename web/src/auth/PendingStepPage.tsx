import { Alert, Button } from 'antd';
import { api } from '../app/api';
import type { Me } from '../app/auth';
import { AuthCard } from './AuthCard';
import { PasswordForm } from './PasswordForm';
import { TotpEnrolForm, TotpVerifyForm } from './TotpForms';

const titles = {
  password_change: '修改初始密码',
  totp_enroll: '启用双因素认证',
  totp_verify: '双因素认证',
} as const;

/** What a session still owes before the app opens (`pending` of /auth/me), one step at a time. */
export function PendingStepPage({ me, onNext, onLogout }: { me: Me; onNext: (me: Me) => void; onLogout: () => void }) {
  const step = me.pending!;
  // Each step answers the session in its next stage, so the page moves on (or the app opens) from that answer.
  const next = onNext;
  const logout = async () => {
    try {
      await api.post('/api/v1/auth/logout');
    } finally {
      onLogout();
    }
  };

  return (
    <AuthCard title={titles[step]} footer={<Button type="link" onClick={logout}>退出登录，换个账号</Button>}>
      {step === 'password_change' && (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }}
            title={`${me.displayName}，您的密码为初始密码或已过期，请先设置新密码。`} />
          <PasswordForm onDone={next} submitText="设置新密码" />
        </>
      )}
      {step === 'totp_enroll' && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title="管理员账号登录需要第二重身份认证，请先完成绑定。" />
          <TotpEnrolForm onDone={next} />
        </>
      )}
      {step === 'totp_verify' && <TotpVerifyForm onDone={next} />}
    </AuthCard>
  );
}
