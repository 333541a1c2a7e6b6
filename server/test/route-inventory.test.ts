import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { permissions } from '../platform/access/roles.js';
import type { RouteAccess } from '../platform/http/context.js';
import { fieldLabel } from '../platform/http/validation.js';
import { createTestApp, type TestApp } from './harness.js';

/**
 * Every route the app registers, collected through an onRoute hook on the Fastify instance the app factory
 * creates, so no route can escape the inventory: each /api route declares who may call it and validates the
 * body it takes (SECURITY.md B1, E1), with messages that name each field in Chinese.
 */
const routes = vi.hoisted(() => [] as RouteOptions[]);

vi.mock('fastify', async (importOriginal) => {
  const mod = await importOriginal<typeof import('fastify')>();
  const factory = ((opts?: Parameters<typeof mod.default>[0]) => {
    const app = mod.default(opts);
    app.addHook('onRoute', (r) => { routes.push(r); });
    return app;
  }) as typeof mod.default;
  return { ...mod, default: factory };
});

/** State-changing routes that take no body, each with the reason; anything else must declare a body schema. */
const bodiless: Record<string, string> = {
  'POST /api/v1/auth/logout': 'ends the caller’s own session',
  'POST /api/v1/auth/totp/enroll': 'starts enrolment for the caller',
  'POST /api/v1/notifications/:id/read': 'marks the caller’s own notification read',
  'POST /api/v1/notifications/read-all': 'marks all the caller’s notifications read',
  'POST /api/v1/users/:id/reset-password': 'issues a new one-time password',
  'POST /api/v1/member-accounts/:userId/reset': 'issues a new one-time password',
  'DELETE /api/v1/orgs/:id': 'the URL names the organisation',
  'DELETE /api/v1/grants/:id': 'the URL names the grant',
  'DELETE /api/v1/files/:id': 'the URL names the file',
  'DELETE /api/v1/holidays/:id': 'the URL names the holiday',
  'DELETE /api/v1/training-classes/:id': 'the URL names the training class',
  'DELETE /api/v1/talks/:id': 'the URL names the talk record',
  'DELETE /api/v1/compliance/rules/:orgType/:rule': 'the URL names the rule setting to reset to the regulation’s default',
};

/** Permissions whose records live in the organisation tree: a URL naming one record must find its scope. */
const orgScoped = new Set<string>(['org.read', 'org.write', 'member.read', 'member.write', 'member.reveal', 'member.import', 'member.export', 'account.manage',
  'activity.read', 'activity.write', 'compliance.read', 'workitem.read', 'workitem.write', 'inspection.record', 'grant.manage']);
/** Scoped records named by URL whose scope the service decides, each with the reason. */
const scopedInService: Record<string, string> = {
  'GET /api/v1/members/import/progress/:batchId': 'an import batch is the caller’s own, not an organisation’s',
  'GET /api/v1/members/import/issues/:batchId': 'an import batch is the caller’s own, not an organisation’s',
  'GET /api/v1/units/:id': 'a unit may be served by organisations in several subtrees; 404 unless one is in scope',
  'GET /api/v1/inspections/:id': 'seen by the scheduling committee and by readers of any inspected unit; 404 otherwise',
  'GET /api/v1/inspections/:id/findings': 'the committee sees all findings, others those of the units they read',
  'POST /api/v1/inspections/:id/findings': 'an inspector’s scope is the inspected unit, not the scheduling committee',
  'GET /api/v1/inspections/:id/risk-points': 'the committee sees all risk points, others those of the units they read',
  'POST /api/v1/inspections/:id/risk-points': 'each unit lists its own risk points: scope is the unit, not the committee',
  'GET /api/v1/inspections/:id/summary.docx': 'the findings included follow the caller’s scope like the findings list',
  'POST /api/v1/dispatch-questions/:id/answers': 'the answering secretary’s scope is the item’s organisation, not the asking committee’s',
  'GET /api/v1/bulletins/:id': 'a published bulletin is read by the organisations below the issuing one',
  'GET /api/v1/users/:id/grants': 'an account belongs to no organisation: the list holds only the grants on organisations in the caller’s scope',
};

const methodsOf = (r: RouteOptions) => (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD');

/** Dotted paths of the fields of a request schema, nested objects and array items included. */
function fieldPaths(schema: unknown, prefix = ''): string[] {
  const def = (schema as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([k, v]) => [prefix + k, ...fieldPaths(v, `${prefix}${k}.`)]);
    case 'pipe':
      return fieldPaths(def.in, prefix);
    case 'array':
      return fieldPaths(def.element, prefix);
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'catch': case 'readonly':
      return fieldPaths(def.innerType, prefix);
    default:
      return [];
  }
}

describe('route inventory', () => {
  let t: TestApp;
  let api: Array<{ key: string; route: RouteOptions; access: RouteAccess | undefined }>;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    api = routes
      .filter((r) => r.url.startsWith('/api/'))
      .flatMap((r) => methodsOf(r).map((m) => ({ key: `${m} ${r.url}`, route: r, access: r.config?.access as RouteAccess | undefined })));
  });
  afterAll(async () => t.close());

  it('sees the routes of every module', () => {
    const urls = new Set(api.map((r) => r.route.url));
    for (const url of ['/api/health', '/api/v1/auth/login', '/api/v1/orgs/:id', '/api/v1/members/:id', '/api/v1/members/import', '/api/v1/audit-events']) {
      expect(urls, url).toContain(url);
    }
  });

  it('gives every API route a declared permission', () => {
    const known = new Set<string>([...permissions, 'public', 'authenticated']);
    const missing = api.filter((r) => !r.access || !known.has(r.access.permission)).map((r) => r.key);
    expect(missing).toEqual([]);
  });

  it('finds the organisation of every record a scoped URL names, so out-of-scope records answer 404', () => {
    const unscoped = api
      .filter((r) => r.route.url.includes('/:') && r.access && orgScoped.has(r.access.permission))
      .filter((r) => !r.access!.resource && !(r.key in scopedInService))
      .map((r) => r.key);
    expect(unscoped).toEqual([]);
  });

  it('validates the body of every state-changing route that takes one', () => {
    const unchecked = api
      .filter((r) => !r.key.startsWith('GET '))
      .filter((r) => {
        const schema = r.route.schema as { body?: unknown; consumes?: string[] } | undefined;
        return !schema?.body && !schema?.consumes?.includes('multipart/form-data') && !(r.key in bodiless);
      })
      .map((r) => r.key);
    expect(unchecked).toEqual([]);
  });

  // A new field, or a module registered without labelledRoutes, would show its code (or another module's label) to users.
  it('names every field a route validates with a Chinese label of its own module or the common ones', () => {
    const unlabelled = api.flatMap((r) => {
      const schema = (r.route.schema ?? {}) as Record<string, unknown>;
      const paths = (['body', 'querystring', 'params'] as const).flatMap((part) => (schema[part] ? fieldPaths(schema[part]) : []));
      return paths.filter((p) => fieldLabel(p, r.route.config?.fieldLabels) === p.split('.').at(-1)).map((p) => `${r.key} ${p}`);
    });
    expect(unlabelled).toEqual([]);
  });

  // Issue 2 §8: other systems integrate with these answers, so a list never comes without its total.
  it('answers every list as { items, total }', () => {
    const bare = api.filter((r) => {
      const answer = (r.route.schema as { response?: Record<number, unknown> } | undefined)?.response?.[200];
      const shape = (answer as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
      return shape !== undefined && 'items' in shape && !('total' in shape);
    }).map((r) => r.key);
    expect(bare).toEqual([]);
  });

  it('gives the routes of each module their own labels', () => {
    const labelsOf = (key: string) => api.find((r) => r.key === key)?.route.config?.fieldLabels;
    expect(fieldLabel('title', labelsOf('POST /api/v1/activities'))).toBe('活动名称');
    expect(fieldLabel('officers.0.title', labelsOf('PUT /api/v1/orgs/:id/officers'))).toBe('职务名称');
    expect(fieldLabel('title', labelsOf('POST /api/v1/work-items'))).toBe('事项名称');
    expect(fieldLabel('name', labelsOf('POST /api/v1/members'))).toBe('姓名');
    expect(fieldLabel('name', labelsOf('POST /api/v1/orgs'))).toBe('组织名称');
  });

  it('keeps its lists of exceptions current', () => {
    const keys = new Set(api.map((r) => r.key));
    expect([...Object.keys(bodiless), ...Object.keys(scopedInService)].filter((k) => !keys.has(k))).toEqual([]);
  });
});
