import { Alert } from 'antd';
import type { OrgFinding } from './api';

/** Findings are advice, never refusals: shown prominently at the top of an organisation. */
export function FindingAlerts({ findings }: { findings: OrgFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <section className="org-findings" aria-label="组织设置提示" style={{ marginBottom: 12 }}>
      {findings.map((f) => (
        <Alert key={f.code} showIcon type={f.severity === 'error' ? 'error' : 'warning'} title={f.message} />
      ))}
    </section>
  );
}
