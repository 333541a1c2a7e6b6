import { generateSecret, generateURI, verify } from 'otplib';
import type { AppContext } from '../http/context.js';
import type { User } from '../db/schema.js';
import { writeAudit, type Actor } from '../audit/audit-log.js';
import { AppError, conflict } from '../errors.js';
import { addMs, now, nowIso } from '../time.js';
import { claimTotpStep, countRecentFailures, enableTotp, findUserById, storeTotpSecret } from './credentials.repository.js';
import { setSessionStage, type SessionRow, type SessionStage } from './sessions.js';

/**
 * TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s, the authenticator apps' defaults). Secrets are
 * encrypted with the field cipher; each code is accepted once; wrong codes are limited per user.
 */
const ISSUER = '红雁 Hongyan';
/** ±1 time step, for clocks of phones that drift a little */
const EPOCH_TOLERANCE_S = 30;
const MAX_WRONG_CODES = 10;
const CODE_ACTIONS = ['auth.totp_activate', 'auth.totp_verify'] as const;

const cipherContext = (userId: number) => `users.totp_secret:${userId}`;
const epochSeconds = () => Math.floor(now().getTime() / 1000);

async function loadUser(ctx: AppContext, userId: number): Promise<User> {
  const user = await findUserById(ctx.db.kysely, userId);
  if (!user) throw new AppError(401, 'unauthorized', '请先登录');
  return user;
}

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrCodeDataUrl: string;
}

/** A new secret, kept inactive until a code from the app proves it was scanned. */
export async function enrollTotp(ctx: AppContext, actor: Actor, userId: number): Promise<Enrolment> {
  const user = await loadUser(ctx, userId);
  if (user.totp_enabled) throw conflict('已启用双因素认证，无需重复绑定');
  const secret = generateSecret();
  const db = ctx.db.kysely;
  await db.transaction().execute(async (trx) => {
    await storeTotpSecret(trx, user.id, ctx.cipher.encrypt(secret, cipherContext(user.id)), nowIso());
    await writeAudit(trx, actor, { action: 'auth.totp_enroll', objectType: 'user', objectId: user.id });
  });
  const otpauthUri = generateURI({ issuer: ISSUER, label: user.username, secret });
  // Loaded on first use, not at start: the server's cold start is mostly module loading.
  const { default: QRCode } = await import('qrcode');
  return { secret, otpauthUri, qrCodeDataUrl: await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2 }) };
}

/** Confirms enrolment with a first code; a session that owed enrolment becomes complete. */
export async function activateTotp(ctx: AppContext, actor: Actor, session: SessionRow, code: string): Promise<SessionStage> {
  const user = await loadUser(ctx, session.user_id);
  if (user.totp_enabled) throw conflict('已启用双因素认证，无需重复绑定');
  if (!user.totp_secret_cipher) throw new AppError(400, 'totp_not_enrolled', '请先获取二维码并在手机验证器中添加账号');
  await acceptCode(ctx, actor, user, code, 'auth.totp_activate');
  const stage: SessionStage = session.stage === 'totp_enroll' ? 'full' : session.stage as SessionStage;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await enableTotp(trx, user.id, nowIso());
    if (stage !== session.stage) await setSessionStage(trx, session.id_hash, stage);
    await writeAudit(trx, actor, { action: 'auth.totp_activate', objectType: 'user', objectId: user.id, details: { stage } });
  });
  return stage;
}

/** The second step of a login: a valid, unused code completes the session. */
export async function verifyTotp(ctx: AppContext, actor: Actor, session: SessionRow, code: string): Promise<SessionStage> {
  const user = await loadUser(ctx, session.user_id);
  if (!user.totp_enabled) throw new AppError(400, 'totp_not_enrolled', '该账号尚未启用双因素认证');
  await acceptCode(ctx, actor, user, code, 'auth.totp_verify');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await setSessionStage(trx, session.id_hash, 'full');
    await writeAudit(trx, actor, { action: 'auth.totp_verify', objectType: 'user', objectId: user.id });
  });
  return 'full';
}

/**
 * Checks the rate limit, the code and its single use. Wrong or replayed codes are audited as failures,
 * which is what the limit counts; attempts over the limit answer 429 and are audited as denied.
 */
async function acceptCode(ctx: AppContext, actor: Actor, user: User, code: string, action: (typeof CODE_ACTIONS)[number]): Promise<void> {
  const db = ctx.db.kysely;
  const policies = await ctx.policies();
  const since = addMs(nowIso(), -policies.lockoutMinutes * 60_000);
  if (await countRecentFailures(db, user.id, CODE_ACTIONS, since) >= MAX_WRONG_CODES) {
    await writeAudit(db, actor, { action, outcome: 'denied', objectType: 'user', objectId: user.id, details: { reason: 'rate_limited' } });
    throw new AppError(429, 'rate_limited', `验证码错误次数过多，请 ${policies.lockoutMinutes} 分钟后再试`);
  }
  const fail = async (reason: string, message: string) => {
    await writeAudit(db, actor, { action, outcome: 'failure', objectType: 'user', objectId: user.id, details: { reason } });
    return new AppError(400, `totp_${reason}`, message, [{ path: 'code', message: `验证码：${message}` }]);
  };
  const secret = ctx.cipher.decrypt(user.totp_secret_cipher!, cipherContext(user.id));
  const result = await verify({ secret, token: code, epoch: epochSeconds(), epochTolerance: EPOCH_TOLERANCE_S });
  // The functional verify types its result as TOTP or HOTP; a valid TOTP result carries its time step.
  if (!result.valid || !('timeStep' in result)) throw await fail('invalid', '验证码不正确或已过期');
  if (!await claimTotpStep(db, user.id, result.timeStep)) throw await fail('replayed', '该验证码已使用过，请等待下一个验证码');
}
