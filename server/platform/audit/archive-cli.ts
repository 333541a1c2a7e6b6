import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runAuditCommand } from './cli.js';
import { systemActor } from './audit-log.js';
import { archiveAudit, MIN_RETENTION_DAYS } from './audit-archive.js';

const usage = `usage: npm run audit:archive -- --older-than-days N [--out DIR]
  Moves audit rows older than N days (N >= ${MIN_RETENTION_DAYS}) that are already chained into a JSON-lines file
  in DIR (default: <data folder>/audit-archive), then removes them and writes a signed checkpoint.`;

/** `npm run audit:archive`: the only way audit rows leave the database. */
runAuditCommand(async (db, keys, config) => {
  const { values } = parseArgs({ options: { 'older-than-days': { type: 'string' }, out: { type: 'string' } } });
  if (values['older-than-days'] === undefined) {
    console.error(usage);
    return 2;
  }
  const result = await archiveAudit(db, keys, {
    olderThanDays: Number(values['older-than-days']),
    outDir: path.resolve(values.out ?? path.join(config.dataDir, 'audit-archive')),
    actor: { ...systemActor, username: `cli:${os.userInfo().username}` },
  });
  if (result.removed === 0) {
    console.log(`Nothing to archive: no chained audit rows older than ${result.cutoff}.`);
  } else {
    console.log(`Archived ${result.removed} audit rows up to event ${result.lastEventId} (older than ${result.cutoff}) into ${result.file}`);
    console.log(`sha256 ${result.sha256}; checkpoint #${result.checkpointId} written. Keep the file off-host.`);
  }
  return 0;
});
