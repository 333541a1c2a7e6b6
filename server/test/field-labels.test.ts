import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { fieldLabel, type FieldLabels } from '../platform/http/validation.js';
import { createTestApp, type TestApp } from './harness.js';

/**
 * Every field a route validates has a Chinese label for its messages, found through the route's own labels (or the
 * common ones): a new field, or a route module registered without labelledRoutes, fails here instead of showing
 * the field's code — or another module's label for the same name — to the user.
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

type Def = Record<string, unknown> & { type: string };
const defOf = (s: unknown) => (s as { _zod: { def: Def } })._zod.def;

/** Dotted paths of the fields of a request schema, nested objects and array items included. */
function fieldPaths(schema: unknown, prefix = ''): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => [prefix + k, ...fieldPaths(v, `${prefix}${k}.`)]);
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

describe('field labels', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp('sqlite'); });
  afterAll(async () => t.close());

  it('has a label for every field of every API route', () => {
    const api = routes.filter((r) => r.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(100);
    const missing: string[] = [];
    for (const r of api) {
      const schema = (r.schema ?? {}) as Record<string, unknown>;
      const labels = r.config?.fieldLabels as FieldLabels | undefined;
      for (const part of ['body', 'querystring', 'params']) {
        if (!schema[part]) continue;
        for (const path of fieldPaths(schema[part])) {
          if (fieldLabel(path, labels) === path.split('.').at(-1)) missing.push(`${String(r.method)} ${r.url} ${part}: ${path}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives the routes of each module their own labels', () => {
    const labelsOf = (method: string, url: string) => routes.find((r) => r.method === method && r.url === url)?.config?.fieldLabels as FieldLabels | undefined;
    expect(fieldLabel('title', labelsOf('POST', '/api/v1/activities'))).toBe('活动名称');
    expect(fieldLabel('officers.0.title', labelsOf('PUT', '/api/v1/orgs/:id/officers'))).toBe('职务名称');
    expect(fieldLabel('title', labelsOf('POST', '/api/v1/work-items'))).toBe('事项名称');
    expect(fieldLabel('name', labelsOf('POST', '/api/v1/members'))).toBe('姓名');
    expect(fieldLabel('name', labelsOf('POST', '/api/v1/orgs'))).toBe('组织名称');
  });
});
