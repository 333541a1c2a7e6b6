import { sql } from 'kysely';
import type { AnyKysely } from '../columns.js';
import type { Dialect } from '../database.js';

/** Rows per statement: two bound values each. */
const ROWS = 1000;

/**
 * Members' `name_pinyin` spaces its syllables from now on ("chen hai fei"), so the list, sorting by it, keeps a
 * surname's members together instead of mixing 陈 and 程 (member-write.ts). The stored readings are rewritten the
 * same way. The reading is written out here with pinyin-pro rather than imported from the application, so this
 * migration does what it did when it was written; pinyin-pro is loaded only when there are members to convert.
 */
export async function up(db: AnyKysely, _dialect: Dialect): Promise<void> {
  const members = await db.selectFrom('members').select(['id', 'name']).orderBy('id').execute() as Array<{ id: number; name: string }>;
  if (!members.length) return;
  const { pinyin } = await import('pinyin-pro');
  const reading = (name: string) => pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean).join(' ');
  for (let i = 0; i < members.length; i += ROWS) {
    const rows = members.slice(i, i + ROWS).map((m) => sql`(cast(${m.id} as integer), ${reading(m.name)})`);
    await sql`with v (id, reading) as (values ${sql.join(rows)})
      update members set name_pinyin = v.reading from v where members.id = v.id`.execute(db);
  }
}
