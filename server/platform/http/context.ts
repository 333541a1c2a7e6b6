import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Keyring } from '../crypto/keyring.js';
import type { BlindIndex, FieldCipher } from '../crypto/field-cipher.js';
import type { Policies } from '../policies.js';
import type { Principal } from '../access/principal.js';
import type { Permission } from '../access/roles.js';
import type { Actor } from '../audit/audit-log.js';
import type { SessionRow } from '../auth/sessions.js';
import type { FileStore } from '../files/file-store.js';
import type { FieldLabels } from './validation.js';
import type { Scheduler } from '../jobs/scheduler.js';

/** The services every module receives. Built once in buildApp. */
export interface AppContext {
  config: Config;
  db: Db;
  keys: Keyring;
  cipher: FieldCipher;
  blindIndex: BlindIndex;
  files: FileStore;
  scheduler: Scheduler;
  policies(): Promise<Policies>;
}

export type TypedApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** A route module: registers its routes on the typed app. */
export type RouteModule = (app: TypedApp, ctx: AppContext) => void | Promise<void>;

/** A scheduled-job module: registers its jobs on ctx.scheduler (main.ts starts the scheduler). */
export type JobModule = (ctx: AppContext) => void;

/**
 * One area of the product (the registry, the portal, the activity engine, the work-item engine …) as the app
 * sees it: its routes, its scheduled jobs and, in demo mode, the demo records it adds after the registry's.
 */
export interface ProductArea {
  name: string;
  routes: RouteModule[];
  jobs?: JobModule[];
  /** loads this area's demo records into a freshly loaded demo district; returns a line for the start-up log */
  demo?: (ctx: AppContext) => Promise<string>;
}

export interface RouteAccess {
  /** `public`: anyone; `authenticated`: any signed-in user (their own records only) */
  permission: Permission | 'public' | 'authenticated';
  /** callable while a password change or second factor is still pending */
  pending?: boolean;
  /**
   * Finds the organisation path of the record the URL names. Runs before the body is validated:
   * a missing record, or one outside the caller's scope for `permission`, answers 404 whatever the body.
   */
  resource?: (ctx: AppContext, params: Record<string, string>) => Promise<string | null | undefined>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** the route module's field labels for validation messages (labelledRoutes) */
    fieldLabels?: FieldLabels;
  }
  interface FastifyRequest {
    principal: Principal | null;
    session: SessionRow | null;
    /**
     * The registry's generation (migration 0013) as this signed-in request found it on arrival, before it read
     * anything else: answers cached under it are never newer than the rows they came from.
     */
    registryGeneration: number;
  }
}

export function actorOf(req: FastifyRequest): Actor {
  const p = req.principal;
  return {
    userId: p?.userId ?? req.session?.user_id ?? null,
    username: p?.username ?? null,
    roles: p?.roles ?? [],
    ip: req.ip,
  };
}

/** The principal of a route whose access hook already required one. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('route declared no permission but reads the principal');
  return req.principal;
}
