import { ErrorWithDetails, type ErrorDetail } from '../../contract/errors.js';

export type { ErrorDetail };

/** An error the API answers with its status and body (contract/errors.ts); anything else is a 500. */
export class AppError extends ErrorWithDetails {}

export const notFound = (what = '记录') => new AppError(404, 'not_found', `${what}不存在或无权访问`);
export const forbidden = (message = '无权执行此操作') => new AppError(403, 'forbidden', message);
export const unauthorized = (message = '请先登录') => new AppError(401, 'unauthorized', message);
export const badRequest = (message: string, details: ErrorDetail[] = []) =>
  new AppError(400, 'bad_request', message, details);
export const conflict = (message: string, details: ErrorDetail[] = []) =>
  new AppError(409, 'conflict', message, details);
export const staleVersion = () =>
  new AppError(409, 'stale_version', '该记录已被他人修改，请刷新后重试', [{ path: 'version', message: '版本已过期' }]);

/** Chinese names of columns that can appear in a constraint error, so the message names the field. */
const fieldNames: Record<string, string> = {
  id_number_hash: '身份证号',
  username: '用户名',
  name: '名称',
  org_id: '所属党组织',
  parent_id: '上级党组织',
  member_id: '党员',
  unit_id: '机关单位',
  user_id: '用户',
  ledger: '台账',
};

/**
 * Maps unique and foreign-key violations from either driver to one 409 error.
 * Returns undefined for anything else.
 */
export function fromDatabaseError(err: unknown): AppError | undefined {
  const e = err as { code?: string; message?: string; detail?: string; constraint?: string };
  if (!e || typeof e !== 'object') return undefined;
  const text = `${e.message ?? ''} ${e.detail ?? ''} ${e.constraint ?? ''}`;
  const field = Object.keys(fieldNames).find((k) => text.includes(k));
  const label = field ? fieldNames[field] : '字段';
  const path = field ?? '';
  if (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return conflict(`${label}已存在，不能重复`, [{ path, message: `${label}重复` }]);
  }
  if (e.code === '23503' || e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return conflict(`${label}引用的记录不存在或仍被其他记录引用`, [{ path, message: `${label}引用无效` }]);
  }
  return undefined;
}
