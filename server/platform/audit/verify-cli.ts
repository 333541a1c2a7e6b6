import { runAuditCommand } from './cli.js';
import { formatVerifyResult, verifyAuditChain } from './audit-verify.js';

/** `npm run audit:verify`: prints OK with counts, or names the first broken row and exits 1. */
runAuditCommand(async (db, keys) => {
  const result = await verifyAuditChain(db.kysely, keys);
  console.log(formatVerifyResult(result));
  return result.ok ? 0 : 1;
});
