import { sql } from 'kysely';
import type { AnyKysely } from '../columns.js';
import type { Dialect } from '../database.js';

/** The tables whose rows make up a generation: every write to one of them starts a new one. */
const generationTables = {
  // The registry as the member list and every request's grants read it: members with their ledgers, the tree, grants.
  registry: ['members', 'member_ledgers', 'orgs', 'grants'],
} as const;

/**
 * A counter per group of tables, raised by triggers on every insert, update and delete, whatever code path writes
 * and on whichever instance: an answer computed from those tables stays good while the counter stands still
 * (platform/cache/generation-cache.ts). SQLite has only row triggers, a few microseconds each. PostgreSQL raises it
 * once per statement and BEFORE the statement, so a transaction takes the counter's row lock before it locks any
 * member: two roster writers queue on the counter and cannot deadlock over it.
 */
export async function up(db: AnyKysely, dialect: Dialect): Promise<void> {
  await db.schema.createTable('data_generations')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .execute();
  for (const [name, tables] of Object.entries(generationTables)) {
    await db.insertInto('data_generations').values({ name, generation: 1 }).execute();
    const bump = `update data_generations set generation = generation + 1 where name = '${name}'`;
    if (dialect === 'postgres') {
      await sql.raw(`create function bump_${name}_generation() returns trigger language plpgsql as $$
        begin ${bump}; return null; end $$`).execute(db);
    }
    for (const table of tables) {
      if (dialect === 'postgres') {
        await sql.raw(`create trigger ${table}_${name}_generation before insert or update or delete on ${table}
          for each statement execute function bump_${name}_generation()`).execute(db);
        continue;
      }
      for (const event of ['insert', 'update', 'delete']) {
        await sql.raw(`create trigger ${table}_${name}_generation_${event} after ${event} on ${table}
          begin ${bump}; end`).execute(db);
      }
    }
  }
}
