import type { AppContext } from '../http/context.js';
import { notify } from '../notifications/notifications.service.js';
import { nowIso } from '../time.js';
import { systemActor, writeAudit } from './audit-log.js';
import { chainPending, type ChainState } from './audit-chain.js';
import { auditAdminUserIds } from './audit-chain.repository.js';
import { breakReasonText, formatVerifyResult, verifyAuditChain } from './audit-verify.js';

const CHAIN_EVERY_MS = 5_000;
const VERIFY_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * The audit log's scheduled work: chaining new rows every few seconds, and verifying the whole chain
 * once a day (等保 requires the integrity of audit records to be checked, not only protected).
 */
export function auditJobs(ctx: AppContext): void {
  const state: ChainState = {};
  ctx.scheduler.register({
    name: 'audit-chain',
    everyMs: CHAIN_EVERY_MS,
    quiet: true,
    run: async () => {
      const n = await chainPending(ctx.db, ctx.keys, state);
      return n > 0 ? `chained ${n} audit rows` : undefined;
    },
  });
  ctx.scheduler.register({
    name: 'audit-verify',
    everyMs: VERIFY_EVERY_MS,
    run: async () => {
      const result = await verifyAuditChain(ctx.db.kysely, ctx.keys);
      if (result.ok) return formatVerifyResult(result);
      await ctx.db.kysely.transaction().execute(async (trx) => {
        await writeAudit(trx, systemActor, {
          action: 'audit.verify',
          objectType: 'audit_event',
          objectId: result.brokenId,
          outcome: 'failure',
          details: { reason: result.reason, verified: result.verified },
        });
        await notify(trx, await auditAdminUserIds(trx, nowIso()), {
          kind: 'audit.chain_broken',
          title: '审计日志完整性校验未通过',
          body: `第 ${result.brokenId} 条审计记录校验失败：${breakReasonText[result.reason]}。请运行 npm run audit:verify 核查。`,
          link: '/admin/audit',
        });
      });
      throw new Error(formatVerifyResult(result));
    },
  });
}
