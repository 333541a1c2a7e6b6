import { loadConfig, type Config } from '../config.js';
import { Keyring, loadSecret } from '../crypto/keyring.js';
import { openDatabase, type Db } from '../db/database.js';

/**
 * The audit commands run beside the server (or without it) on the database the configuration names:
 * the same DATABASE_URL, HONGYAN_SECRET and data folder as `npm start`. Exit codes: the command's own,
 * or 2 when it could not run at all.
 */
export function runAuditCommand(command: (db: Db, keys: Keyring, config: Config) => Promise<number>): void {
  void (async () => {
    let code = 2;
    let db: Db | undefined;
    try {
      const config = loadConfig();
      const keys = new Keyring(loadSecret(config));
      db = openDatabase(config.databaseUrl);
      code = await command(db, keys, config);
    } catch (err) {
      console.error(err instanceof Error ? err.message : err);
    } finally {
      await db?.close();
    }
    process.exit(code);
  })();
}
