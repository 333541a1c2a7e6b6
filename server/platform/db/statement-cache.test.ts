import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Generated } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withStatementCache } from './database.js';

describe('SQLite statement cache', () => {
  const opened: SQLite.Database[] = [];
  afterEach(() => opened.splice(0).forEach((d) => d.close()));

  function open() {
    const sqlite = new SQLite(':memory:');
    opened.push(sqlite);
    sqlite.exec('create table t (id integer primary key, v text)');
    return sqlite;
  }

  it('prepares a statement once per SQL text and lets the oldest go beyond its size', () => {
    const sqlite = open();
    const prepare = vi.spyOn(sqlite, 'prepare');
    const db = withStatementCache(sqlite, 2);
    const a = db.prepare('select 1');
    expect(db.prepare('select 1')).toBe(a);
    db.prepare('select 2');
    db.prepare('select 3');
    expect(prepare).toHaveBeenCalledTimes(3);
    expect(db.prepare('select 1')).not.toBe(a);
    expect(prepare).toHaveBeenCalledTimes(4);
  });

  it('serves Kysely: reused statements, a stream, and queries after it, with the right rows', async () => {
    const sqlite = open();
    const kysely = new Kysely<{ t: { id: Generated<number>; v: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    for (const v of ['a', 'b', 'c']) await kysely.insertInto('t').values({ v }).execute();
    const byId = (id: number) => kysely.selectFrom('t').select('v').where('id', '=', id).executeTakeFirst();
    expect([await byId(1), await byId(3)]).toEqual([{ v: 'a' }, { v: 'c' }]);
    const streamed: string[] = [];
    for await (const row of kysely.selectFrom('t').select('v').orderBy('id').stream()) {
      streamed.push(row.v);
      if (streamed.length === 2) break;
    }
    expect(streamed).toEqual(['a', 'b']);
    expect((await kysely.selectFrom('t').select('v').orderBy('id').execute()).map((r) => r.v)).toEqual(['a', 'b', 'c']);
    await expect(sql`insert into t (id, v) values (1, 'dup')`.execute(kysely)).rejects.toThrow(/UNIQUE/);
    expect(await byId(2)).toEqual({ v: 'b' });
  });
});
