import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import type { AnyKysely } from './columns.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_portal.js';
import * as m0003 from './migrations/0003_portal_search.js';
import * as m0004 from './migrations/0004_activities.js';
import * as m0005 from './migrations/0005_compliance.js';
import * as m0006 from './migrations/0006_training.js';
import * as m0007 from './migrations/0007_work_items.js';
import * as m0008 from './migrations/0008_oversight.js';
import * as m0009 from './migrations/0009_duties.js';
import * as m0010 from './migrations/0010_member_list_index.js';
import * as m0011 from './migrations/0011_checkin_attempts.js';
import * as m0012 from './migrations/0012_org_path_order.js';
import * as m0013 from './migrations/0013_data_generations.js';
import * as m0014 from './migrations/0014_roster_staging_columns.js';
import * as m0015 from './migrations/0015_audit_truncate_guard.js';
import * as m0016 from './migrations/0016_name_pinyin_syllables.js';

type DialectMigration = { up(db: AnyKysely, dialect: Db['dialect']): Promise<void> };

/**
 * Migrations are listed here rather than read from a folder, so they work unchanged under tsx,
 * vitest and the compiled build. Each receives the dialect for the few places the databases differ.
 */
const migrations: Record<string, DialectMigration> = {
  '0001_foundation': m0001,
  '0002_portal': m0002,
  '0003_portal_search': m0003,
  '0004_activities': m0004,
  '0005_compliance': m0005,
  '0006_training': m0006,
  '0007_work_items': m0007,
  '0008_oversight': m0008,
  '0009_duties': m0009,
  '0010_member_list_index': m0010,
  '0011_checkin_attempts': m0011,
  '0012_org_path_order': m0012,
  '0013_data_generations': m0013,
  '0014_roster_staging_columns': m0014,
  '0015_audit_truncate_guard': m0015,
  '0016_name_pinyin_syllables': m0016,
};

export async function migrateToLatest(db: Db): Promise<void> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(migrations)) {
        out[name] = { up: (k) => m.up(k, db.dialect) };
      }
      return out;
    },
  };
  // Kysely looks for its lock table in any schema; pin it to ours so schemas on one cluster stay apart.
  const migrationTableSchema = db.dialect === 'postgres'
    ? (await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)).rows[0].s
    : undefined;
  const migrator = new Migrator({ db: db.kysely, provider, migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
