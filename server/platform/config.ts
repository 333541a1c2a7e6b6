import path from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  /** `sqlite:path`, `sqlite::memory:` or `postgres://…` */
  databaseUrl: string;
  dataDir: string;
  production: boolean;
  demo: boolean;
  /** Key material given by HONGYAN_SECRET; when absent (outside production) it is generated into dataDir. */
  secret: string | undefined;
  allowHttp: boolean;
  /** Trust X-Forwarded-* from a reverse proxy (HTTPS terminated there). */
  trustProxy: boolean;
  /** Directory of the built web app; absent when the app is built without it (API tests). */
  webRoot: string | undefined;
  importRowCap: number;
  uploadMaxBytes: number;
  fileRoot: string;
  logLevel: string;
  /**
   * The public site's address (scheme://host[:port], HONGYAN_PUBLIC_URL) for absolute links in feeds, the sitemap
   * and Open Graph tags; never taken from a request's Host header, which the client chooses.
   */
  publicUrl: string | undefined;
}

function bool(v: string | undefined, fallback: boolean): boolean {
  if (v === undefined || v === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());
}

function int(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${v}"`);
  return n;
}

function publicUrl(v: string | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  const url = URL.canParse(v) ? new URL(v) : null;
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`HONGYAN_PUBLIC_URL must be an http(s) origin such as https://dj.example.gov.cn, got "${v}"`);
  }
  return url.origin;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const production = env.NODE_ENV === 'production';
  const dataDir = path.resolve(cwd, env.HONGYAN_DATA_DIR ?? 'data');
  return {
    port: int(env.PORT, 3000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || `sqlite:${path.join(dataDir, 'hongyan.db')}`,
    dataDir,
    production,
    demo: bool(env.HONGYAN_DEMO, !production),
    secret: env.HONGYAN_SECRET || undefined,
    allowHttp: bool(env.HONGYAN_ALLOW_HTTP, false),
    trustProxy: bool(env.HONGYAN_TRUST_PROXY, false),
    webRoot: path.resolve(cwd, env.HONGYAN_WEB_ROOT ?? 'dist/web'),
    importRowCap: int(env.HONGYAN_IMPORT_ROW_CAP, 100_000, 'HONGYAN_IMPORT_ROW_CAP'),
    uploadMaxBytes: int(env.HONGYAN_UPLOAD_MAX_BYTES, 20 * 1024 * 1024, 'HONGYAN_UPLOAD_MAX_BYTES'),
    fileRoot: path.resolve(cwd, env.HONGYAN_FILE_ROOT ?? path.join(dataDir, 'files')),
    logLevel: env.LOG_LEVEL || (production ? 'info' : 'warn'),
    publicUrl: publicUrl(env.HONGYAN_PUBLIC_URL),
  };
}
