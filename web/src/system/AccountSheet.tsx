import { Alert, Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { formatInstant } from '../app/DateInput';
import { PageHeader } from '../app/PageHeader';
import type { AccountSheetRow, SkippedMember } from '../../../contract/accounts';
import './account-sheet.css';

/** What a slip shows: member accounts, and the administrators of the initialisation. */
export type SheetRow = Pick<AccountSheetRow, 'userId' | 'username' | 'memberName' | 'orgName' | 'oneTimePassword' | 'expiresAt'>;

export type { SkippedMember };

/**
 * The printable sheet of new accounts: one slip per member, cut along the dashed lines and handed over.
 * Printing hides everything but the slips.
 */
export function AccountSheet({ rows, skipped, onBack, notice }: {
  rows: SheetRow[];
  skipped: SkippedMember[];
  onBack: () => void;
  /** replaces the warning about newly opened accounts, e.g. after a password reset */
  notice?: string;
}) {
  const loginUrl = `${window.location.origin}/admin/`;
  return (
    <>
      <PageHeader
        title="账号单"
        actions={(
          <>
            <Button onClick={onBack}>返回</Button>
            <Button type="primary" icon={<PrinterOutlined />} disabled={rows.length === 0} onClick={() => window.print()}>打印</Button>
          </>
        )}
      />
      <div className="no-print">
        <Alert type="warning" showIcon style={{ marginBottom: 12 }}
          title={notice ?? `已开设 ${rows.length} 个账号。一次性密码只显示这一次，离开本页后无法再次查看，请立即打印。`} />
        {skipped.length > 0 && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`跳过 ${skipped.length} 人`}
            description={<ul style={{ margin: 0, paddingLeft: 18 }}>{skipped.map((s) => <li key={s.memberId}>{s.memberName}：{s.reason}</li>)}</ul>} />
        )}
      </div>
      <section className="account-sheet" aria-label="账号单">
        {rows.map((r) => (
          <article key={r.userId} className="account-slip">
            <h2>红雁 · 机关党建管理平台 账号通知</h2>
            <table>
              <tbody>
                <tr><th>姓名</th><td>{r.memberName}</td><th>所在党组织</th><td>{r.orgName}</td></tr>
                <tr><th>用户名</th><td className="mono">{r.username}</td><th>一次性密码</th><td className="mono">{r.oneTimePassword}</td></tr>
                <tr><th>登录地址</th><td className="mono">{loginUrl}</td><th>密码有效期至</th><td>{formatInstant(r.expiresAt)}</td></tr>
              </tbody>
            </table>
            <p>首次登录后须立即修改密码。请妥善保管本通知，不要转交他人。</p>
          </article>
        ))}
      </section>
    </>
  );
}
