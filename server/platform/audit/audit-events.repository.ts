import type { Executor } from '../db/database.js';
import { scopeWhere, type Scope } from '../access/scope.js';

export interface AuditEventQuery {
  /** instants, `toAt` exclusive */
  fromAt?: string;
  toAt?: string;
  username?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: string;
  /** `all`: the whole log; otherwise rows about organisations in the scope */
  scope: Scope | 'all';
}

function filtered(db: Executor, q: AuditEventQuery) {
  const scope = q.scope;
  return db
    .selectFrom('audit_events')
    .leftJoin('audit_chain', 'audit_chain.event_id', 'audit_events.id')
    .$if(q.fromAt !== undefined, (b) => b.where('audit_events.at', '>=', q.fromAt!))
    .$if(q.toAt !== undefined, (b) => b.where('audit_events.at', '<', q.toAt!))
    .$if(q.username !== undefined, (b) => b.where('audit_events.username', '=', q.username!))
    .$if(q.action !== undefined, (b) => b.where('audit_events.action', '=', q.action!))
    .$if(q.objectType !== undefined, (b) => b.where('audit_events.object_type', '=', q.objectType!))
    .$if(q.objectId !== undefined, (b) => b.where('audit_events.object_id', '=', q.objectId!))
    .$if(q.outcome !== undefined, (b) => b.where('audit_events.outcome', '=', q.outcome!))
    .$if(scope !== 'all', (b) => b.where('audit_events.org_id', 'in', (eb) =>
      eb.selectFrom('orgs').select('orgs.id').where((w) => scopeWhere(w, 'orgs.path', scope as Scope))));
}

function rows(db: Executor, q: AuditEventQuery) {
  return filtered(db, q).selectAll('audit_events').select('audit_chain.event_id as chained_id').orderBy('audit_events.id', 'desc');
}

export type AuditEventRow = Awaited<ReturnType<ReturnType<typeof rows>['execute']>>[number];

export async function countAuditEvents(db: Executor, q: AuditEventQuery): Promise<number> {
  const row = await filtered(db, q).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Newest first. */
export function findAuditEvents(db: Executor, q: AuditEventQuery, offset: number, limit: number): Promise<AuditEventRow[]> {
  return rows(db, q).offset(offset).limit(limit).execute();
}
