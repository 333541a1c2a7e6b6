import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import './auth.css';

/** The centred card every step before the app opens uses: login, password change, second factor. */
export function AuthCard({ title, footer, children }: { title: string; footer?: ReactNode; children: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-brand">
        <span className="auth-logo" aria-hidden>雁</span>
        <span>红雁 · 机关党建管理平台</span>
      </div>
      <Card className="auth-card">
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 24 }}>{title}</Typography.Title>
        {children}
        {footer && <div className="auth-footer">{footer}</div>}
      </Card>
    </main>
  );
}
