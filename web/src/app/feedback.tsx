import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError } from './api';

/**
 * Puts the server's field errors (`details[].path`, e.g. `idNumber` or `officers.0.memberId`) on the form
 * items of the same name. Returns whether any detail found its field.
 */
function applyFieldErrors(form: FormInstance, err: unknown): boolean {
  if (!(err instanceof ApiError) || err.details.length === 0) return false;
  const known = new Set(Object.keys((form.getFieldsValue() ?? {}) as Record<string, unknown>));
  const byPath = new Map<string, string[]>();
  for (const d of err.details) {
    if (!d.path) continue;
    const top = d.path.split('.')[0];
    if (!known.has(top)) continue;
    byPath.set(d.path, [...(byPath.get(d.path) ?? []), d.message]);
  }
  form.setFields([...byPath].map(([path, errors]) => ({
    name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    errors,
  })));
  return byPath.size > 0;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : '操作失败';
}

/** Toasts and dialogs that know the server's error shape. */
export function useFeedback() {
  const { message, modal } = App.useApp();
  return {
    success: (text: string) => void message.success(text),
    /**
     * Shows a failed request: a stale version as "已被他人修改" with a reload, field errors inline on `form`
     * (with a short toast), anything else as a toast with the server's message.
     */
    fail: (err: unknown, opts: { form?: FormInstance; onReload?: () => void } = {}) => {
      if (err instanceof ApiError && err.isStale) {
        modal.confirm({
          title: '已被他人修改',
          content: '您编辑期间该记录已被他人修改。重新加载后可看到最新内容，再重新修改。',
          okText: '重新加载',
          cancelText: '取消',
          onOk: opts.onReload,
        });
        return;
      }
      if (opts.form && applyFieldErrors(opts.form, err)) {
        void message.error('请按提示修改标红的字段');
        return;
      }
      void message.error(errorMessage(err));
    },
  };
}
