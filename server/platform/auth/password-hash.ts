import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

// N=2^15, r=8, p=1: about 50 ms and 32 MiB per hash on this hardware (OWASP's scrypt floor is N=2^17 with
// r=8 p=1 *or* equivalents; we pick N=2^15 and record the parameters in the hash so they can be raised).
const PRODUCTION_N = 1 << 15;
let N = PRODUCTION_N;
const r = 8;
const p = 1;
const KEYLEN = 32;
const maxmem = 64 * 1024 * 1024;

/**
 * The API tests lower the cost (server/test/harness.ts): they hash thousands of passwords (histories, bulk member
 * accounts) and spent minutes on it. Hashes carry their parameters, so verification is the same code either way;
 * production refuses a lowered cost.
 */
export function setHashCostForTests(n: number): void {
  if (process.env.NODE_ENV === 'production') throw new Error('the password hash cost cannot be lowered in production');
  N = n;
}

/** `scrypt$N$r$p$salt$hash` */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize('NFKC'), salt, KEYLEN, { N, r, p, maxmem });
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, rr, pp, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n), r: Number(rr), p: Number(pp), maxmem,
  });
  return crypto.timingSafeEqual(actual, expected);
}

/** A hash to compare against when the user does not exist, so both paths take the same time. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return dummy;
}
