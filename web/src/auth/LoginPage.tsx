import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { api } from '../app/api';
import type { Me } from '../app/auth';
import { errorMessage } from '../app/feedback';
import { AuthCard } from './AuthCard';

interface Credentials {
  username: string;
  password: string;
}

export function LoginPage({ onLogin, notice }: { onLogin: (me: Me) => void; notice?: string }) {
  const [error, setError] = useState<string | null>(null);
  const login = useMutation({
    mutationFn: (c: Credentials) => api.post<Me>('/api/v1/auth/login', c),
    onSuccess: onLogin,
    onError: (e) => setError(errorMessage(e)),
  });

  return (
    <AuthCard title="登录">
      {notice && !error && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(v) => { setError(null); login.mutate(v); }}>
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>登录</Button>
      </Form>
    </AuthCard>
  );
}
