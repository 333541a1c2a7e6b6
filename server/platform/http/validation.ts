import { z } from 'zod';
import type { ErrorDetail } from '../errors.js';
import type { RouteModule } from './context.js';

z.config(z.locales.zhCN());

/** Chinese names of request fields, keyed by field name or by a whole path ('securityAdmin.username'). */
export type FieldLabels = Readonly<Record<string, string>>;

/** Fields every route shares: paging, the version of optimistic locking, and the sign-in fields. */
const commonLabels: FieldLabels = {
  id: '编号',
  version: '版本号',
  page: '页码',
  pageSize: '每页条数',
  name: '名称',
  username: '用户名',
  password: '密码',
};

/**
 * A route module whose validation messages name fields with its own labels, then the common ones: the same field
 * name may mean different things in different modules (an activity's `title` is 活动名称, an officer's 职务名称).
 * The routes run in their own Fastify scope, whose onRoute hook puts the labels in each route's config, where the
 * error handler finds them for the route that failed.
 */
export function labelledRoutes(labels: FieldLabels, routes: RouteModule): RouteModule {
  return async (app, ctx) => {
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        route.config = { ...route.config, fieldLabels: labels };
      });
      await routes(scope, ctx);
    });
  };
}

/**
 * The label of a failing field: the route's labels, then the common ones; in each, a label registered for the
 * whole path wins over the one of its last field.
 */
export function fieldLabel(path: string, routeLabels: FieldLabels | undefined): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  const last = parts.at(-1) ?? path;
  for (const labels of [routeLabels ?? {}, commonLabels]) {
    const label = labels[parts.join('.')] ?? labels[last];
    if (label) return label;
  }
  return last;
}

interface ZodIssueLike {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[]; message?: string } };
}

export function validationDetails(validation: unknown, context: string | undefined, labels: FieldLabels | undefined): ErrorDetail[] {
  const issues = (validation as ZodIssueLike[]) ?? [];
  return issues.map((i) => {
    const rawPath = (i.params?.issue?.path ?? i.instancePath?.split('/').filter(Boolean) ?? []).map(String).join('.');
    const path = rawPath || context || '';
    const message = i.params?.issue?.message ?? i.message ?? '格式不正确';
    return { path, message: `${fieldLabel(path, labels)}：${message}` };
  });
}

/** Zod issues from a schema parsed inside a domain function (not a route), as error details with the module's labels. */
export function zodDetails(error: z.ZodError, labels: FieldLabels, rowOf?: (path: PropertyKey[]) => number | undefined): ErrorDetail[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    return { path, message: `${fieldLabel(path, labels)}：${i.message}`, row: rowOf?.(i.path) };
  });
}

/** Common request pieces. */
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(20),
};
export const versionField = { version: z.number().int().positive() };
/** Every list answers `{ items, total }` (issue 2 §8): a page and the count of all it was cut from. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
/** A list served whole, in the same shape: its total is its length. */
export const wholeList = <T>(items: T[]) => ({ items, total: items.length });
