/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie, the CSRF token on
 * every state-changing request, and server errors turned into ApiError with the server's Chinese message.
 */

import { ErrorWithDetails, type ErrorDetail } from '../../../contract/errors';

export type { ErrorDetail };

export class ApiError extends ErrorWithDetails {
  get isStale(): boolean {
    return this.status === 409 && this.code === 'stale_version';
  }
}

export type Query = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;

// Kept in memory only: the token must not outlive the page in storage a script could read later.
let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401: the session ended (timeout, logout elsewhere, account disabled). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => params.append(k, String(x)));
    else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${url}?${s}` : url;
}

async function send(method: string, url: string, body?: BodyInit, json = false): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (json) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, { method, body, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) throw await toError(res, url);
  return res;
}

async function toError(res: Response, url: string): Promise<ApiError> {
  return errorOf(res.status, await res.text().catch(() => ''), url);
}

function errorOf(status: number, text: string, url: string): ApiError {
  let err: ApiError;
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: ErrorDetail[] } };
    err = new ApiError(status, body.error?.code ?? 'error', body.error?.message ?? statusText(status), body.error?.details ?? []);
  } catch {
    err = new ApiError(status, 'error', statusText(status));
  }
  // A failed login is also 401: that one is the login form's to show, not a lost session.
  if (status === 401 && !url.endsWith('/auth/login')) unauthorizedHandler?.();
  return err;
}

function statusText(status: number): string {
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '无权执行此操作';
  if (status === 404) return '记录不存在或无权访问';
  if (status === 413) return '文件过大';
  if (status === 429) return '操作过于频繁，请稍后再试';
  if (status >= 500) return '服务器内部错误，请稍后重试';
  return '请求失败';
}

async function parse<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: async <T>(url: string, query?: Query) => parse<T>(await send('GET', withQuery(url, query))),
  post: async <T>(url: string, body?: unknown, query?: Query) =>
    parse<T>(await send('POST', withQuery(url, query), body === undefined ? undefined : JSON.stringify(body), body !== undefined)),
  patch: async <T>(url: string, body: unknown) => parse<T>(await send('PATCH', url, JSON.stringify(body), true)),
  put: async <T>(url: string, body: unknown) => parse<T>(await send('PUT', url, JSON.stringify(body), true)),
  delete: async <T = void>(url: string, body?: unknown) =>
    parse<T>(await send('DELETE', url, body === undefined ? undefined : JSON.stringify(body), body !== undefined)),
  /**
   * Multipart upload of one file in the field `file`. Through XMLHttpRequest, because fetch cannot report
   * upload progress, and a 20 MB roster on a slow office line takes a while.
   */
  upload: <T>(url: string, file: File, options: { query?: Query; fields?: Record<string, string | number>; onProgress?: (fraction: number) => void } = {}) =>
    new Promise<T>((resolve, reject) => {
      const target = withQuery(url, options.query);
      const form = new FormData();
      for (const [k, v] of Object.entries(options.fields ?? {})) form.append(k, String(v));
      form.append('file', file, file.name);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', target);
      xhr.withCredentials = true;
      xhr.setRequestHeader('accept', 'application/json');
      if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
      xhr.upload.onprogress = (e) => e.lengthComputable && options.onProgress?.(e.loaded / e.total);
      xhr.onerror = () => reject(new ApiError(0, 'network', '无法连接服务器，请检查网络后重试'));
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
          } catch {
            reject(new ApiError(xhr.status, 'error', '服务器返回的内容无法识别'));
          }
        } else reject(errorOf(xhr.status, xhr.responseText, target));
      };
      xhr.send(form);
    }),
  /**
   * Fetches a file and hands it to the browser as a download. Through fetch rather than a link, so a refusal
   * shows the server's message instead of a page of JSON, and reasons never end up in the address bar history.
   */
  download: async (method: 'GET' | 'POST', url: string, options: { query?: Query; body?: unknown; fallbackName: string }) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const res = await send(method, withQuery(url, options.query), body, body !== undefined);
    const blob = await res.blob();
    saveBlob(blob, fileNameOf(res) ?? options.fallbackName);
  },
};

function fileNameOf(res: Response): string | undefined {
  const cd = res.headers.get('content-disposition');
  if (!cd) return undefined;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1];
}

function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** `{ items, total }`: every list the server answers. */
export interface Page<T> {
  items: T[];
  total: number;
}
