import { useEffect } from 'react';
import { Alert, Button, Form, Input, Skeleton, Steps, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api } from '../app/api';
import type { Me } from '../app/auth';
import { errorMessage, useFeedback } from '../app/feedback';

/** What POST /auth/totp/enroll answers: a fresh secret to put into an authenticator app. */
export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  qrCodeDataUrl: string;
}

function CodeForm({ submitText, pending, onSubmit }: { submitText: string; pending: boolean; onSubmit: (code: string) => void }) {
  return (
    <Form<{ code: string }> layout="vertical" requiredMark={false} onFinish={(v) => onSubmit(v.code.trim())}>
      <Form.Item
        label="动态验证码"
        name="code"
        rules={[{ required: true, message: '请输入 6 位验证码' }, { pattern: /^\s*\d{6}\s*$/, message: '验证码为 6 位数字' }]}
      >
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} autoFocus size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={pending}>{submitText}</Button>
    </Form>
  );
}

/** Enrolment of a second factor: scan the QR code (or type the secret), then prove it with a code. */
export function TotpEnrolForm({ onDone }: { onDone: (me: Me) => void }) {
  const feedback = useFeedback();
  const enrol = useMutation({ mutationFn: () => api.post<TotpEnrolment>('/api/v1/auth/totp/enroll') });
  const activate = useMutation({
    mutationFn: (code: string) => api.post<Me>('/api/v1/auth/totp/activate', { code }),
    onSuccess: (me) => {
      feedback.success('双因素认证已启用');
      onDone(me);
    },
    onError: (e) => feedback.fail(e),
  });
  const { mutate } = enrol;
  useEffect(() => mutate(), [mutate]);

  return (
    <>
      <Steps
        size="small"
        current={enrol.data ? 1 : 0}
        items={[{ title: '扫描二维码' }, { title: '输入验证码' }]}
        style={{ marginBottom: 16 }}
      />
      {enrol.isError && <Alert type="error" showIcon title={errorMessage(enrol.error)} action={<Button size="small" onClick={() => enrol.mutate()}>重试</Button>} />}
      {enrol.isPending && <Skeleton.Image active style={{ width: 200, height: 200 }} />}
      {enrol.data && (
        <>
          <Typography.Paragraph>
            请用身份验证器应用（如“腾讯身份验证器”“Microsoft Authenticator”）扫描下方二维码，或手动输入密钥，然后填写应用显示的 6 位验证码。
          </Typography.Paragraph>
          <div style={{ textAlign: 'center' }}>
            <img src={enrol.data.qrCodeDataUrl} alt="双因素认证二维码" width={200} height={200} />
          </div>
          <Typography.Paragraph style={{ textAlign: 'center' }}>
            密钥：<Typography.Text code copyable>{enrol.data.secret}</Typography.Text>
          </Typography.Paragraph>
          <CodeForm submitText="启用" pending={activate.isPending} onSubmit={(code) => activate.mutate(code)} />
        </>
      )}
    </>
  );
}

/** The second factor at login. */
export function TotpVerifyForm({ onDone }: { onDone: (me: Me) => void }) {
  const feedback = useFeedback();
  const verify = useMutation({
    mutationFn: (code: string) => api.post<Me>('/api/v1/auth/totp/verify', { code }),
    onSuccess: onDone,
    onError: (e) => feedback.fail(e),
  });
  return (
    <>
      <Typography.Paragraph>请输入身份验证器应用中显示的 6 位验证码。</Typography.Paragraph>
      <CodeForm submitText="验证" pending={verify.isPending} onSubmit={(code) => verify.mutate(code)} />
    </>
  );
}
