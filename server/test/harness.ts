import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../platform/config.js';
import { openDatabase, type Db } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { buildApp } from '../app.js';
import type { AppContext } from '../platform/http/context.js';
import { setHashCostForTests } from '../platform/auth/password-hash.js';

// scrypt at N=2^10 instead of 2^15: the same code, about 30 times cheaper (password-hash.test.ts checks the real cost).
setHashCostForTests(1 << 10);

export type Target = 'sqlite' | 'postgres';

/**
 * SQLite always; PostgreSQL when the test runner started one (TEST_PG_URL). Tests that use a database loop with
 * `describe.each(targets)('… on %s', …)`: `npm test` splits its one run into the SQLite and PostgreSQL suites by
 * that title.
 */
const available: Target[] = process.env.TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
/** HONGYAN_TEST_TARGETS narrows the run (the PostgreSQL pass of `npm test` does not repeat SQLite). */
const wanted = process.env.HONGYAN_TEST_TARGETS?.split(',').map((s) => s.trim()).filter(Boolean);
export const targets: Target[] = wanted ? available.filter((t) => wanted.includes(t)) : available;
if (targets.length === 0) throw new Error(`HONGYAN_TEST_TARGETS=${process.env.HONGYAN_TEST_TARGETS} selects no available database`);
if (process.env.HONGYAN_REQUIRE_PG === '1' && !process.env.TEST_PG_URL) {
  throw new Error('HONGYAN_REQUIRE_PG=1 but TEST_PG_URL is not set: the PostgreSQL suite would be skipped');
}

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** A fresh empty database: in-memory SQLite, or a new schema on the throw-away PostgreSQL. */
export async function freshDb(target: Target): Promise<Db> {
  if (target === 'sqlite') return openDatabase('sqlite::memory:');
  const base = process.env.TEST_PG_URL!;
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = openDatabase(url.toString(), { poolSize: 5 });
  // Closing drops the schema: Kysely's migrator lists the columns of every schema in the cluster, so each schema
  // left behind slowed every later test's migration (the suite's last files took four times as long as its first).
  return {
    ...db,
    close: async () => {
      await db.close();
      const after = new pg.Client({ connectionString: base });
      await after.connect();
      try {
        await after.query(`drop schema ${schema} cascade`);
      } finally {
        await after.end();
      }
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  db: Db;
  close(): Promise<void>;
}

/** `log`: pino options for a test that reads what the server logs (by default errors only, to stderr). */
export async function createTestApp(target: Target, env: Record<string, string> = {}, log: Record<string, unknown> = {}): Promise<TestApp> {
  const db = await freshDb(target);
  await migrateToLatest(db);
  const config = {
    ...loadConfig({ HONGYAN_DEMO: '1', ...env }),
    databaseUrl: db.url,
    webRoot: undefined,
    fileRoot: path.join(os.tmpdir(), `hongyan-files-${crypto.randomBytes(6).toString('hex')}`),
  };
  // Errors only: a 500 in a test prints its cause (a rare one seen once in CI could not be traced without it).
  const { app, ctx } = await buildApp({ config, db, secret: TEST_SECRET, logger: { level: 'error', stream: process.stderr, ...log } });
  await app.ready();
  return { app, ctx, db, close: async () => { await app.close(); await db.close(); } };
}

/** A signed-in API client: carries the session cookie and the CSRF token like the web app does. */
export class Client {
  cookie = '';
  csrf = '';
  constructor(readonly app: FastifyInstance) {}

  async request(opts: InjectOptions) {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && opts.method && opts.method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ ...opts, headers });
    const set = res.cookies.find((c) => c.name.endsWith('hongyan_sid'));
    if (set) this.cookie = set.value ? `${set.name}=${set.value}` : '';
    return res;
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, body?: unknown) {
    return this.request({ method: 'POST', url, payload: body as InjectOptions['payload'] });
  }
  patch(url: string, body?: unknown) {
    return this.request({ method: 'PATCH', url, payload: body as InjectOptions['payload'] });
  }
  put(url: string, body?: unknown) {
    return this.request({ method: 'PUT', url, payload: body as InjectOptions['payload'] });
  }
  delete(url: string, body?: unknown) {
    return this.request({ method: 'DELETE', url, payload: body as InjectOptions['payload'] });
  }

  async login(username: string, password: string) {
    const res = await this.post('/api/v1/auth/login', { username, password });
    if (res.statusCode === 200) this.csrf = res.json().csrfToken;
    return res;
  }
}
