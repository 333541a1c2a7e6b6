import { useEffect, type ReactNode } from 'react';
import { Typography } from 'antd';

/** A page's one h1 (tests and screen readers find pages by it) with its actions on the right. */
export function PageHeader({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · 红雁`;
  }, [title]);
  return (
    <header className="page-header">
      <div>
        <Typography.Title level={1} style={{ fontSize: 20 }}>{title}</Typography.Title>
        {children}
      </div>
      {actions && <div className="no-print" style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>{actions}</div>}
    </header>
  );
}
