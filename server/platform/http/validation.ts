import { z } from 'zod';
import type { ErrorDetail } from '../errors.js';

z.config(z.locales.zhCN());

/**
 * Chinese names of request fields, so a validation message names the field as the screen does.
 * Modules add their own with `registerFieldLabels`.
 */
const fieldLabels: Record<string, string> = {
  version: '版本号',
  page: '页码',
  pageSize: '每页条数',
  name: '名称',
  username: '用户名',
  password: '密码',
};

export function registerFieldLabels(labels: Record<string, string>): void {
  Object.assign(fieldLabels, labels);
}

/** A label registered for the whole path ('securityAdmin.username') wins over the one of its last field. */
export function fieldLabel(path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  const last = parts.at(-1) ?? path;
  return fieldLabels[parts.join('.')] ?? fieldLabels[last] ?? last;
}

interface ZodIssueLike {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[]; message?: string } };
}

export function validationDetails(validation: unknown, context: string | undefined): ErrorDetail[] {
  const issues = (validation as ZodIssueLike[]) ?? [];
  return issues.map((i) => {
    const rawPath = (i.params?.issue?.path ?? i.instancePath?.split('/').filter(Boolean) ?? []).map(String).join('.');
    const path = rawPath || context || '';
    const message = i.params?.issue?.message ?? i.message ?? '格式不正确';
    return { path, message: `${fieldLabel(path)}：${message}` };
  });
}

/** Zod issues from a schema parsed inside a domain function (not a route), as error details. */
export function zodDetails(error: z.ZodError, rowOf?: (path: PropertyKey[]) => number | undefined): ErrorDetail[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    return { path, message: `${fieldLabel(path)}：${i.message}`, row: rowOf?.(i.path) };
  });
}

/** Common request pieces. */
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(20),
};
export const versionField = { version: z.number().int().positive() };
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
