// Debian packages the test suites need (PostgreSQL server binaries, chromium, CJK fonts). As root they are
// installed with apt when missing; otherwise the caller gets a message saying what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export function debianPackageInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

let aptUpdated = false;

function apt(args) {
  return spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

/**
 * Makes sure each `{ name, present() }` is present. Installs the missing ones with apt as root; a fresh
 * machine's package lists may be empty or stale, so a failed install is retried once after `apt-get update`.
 * Throws with the install command when it cannot install.
 */
export function ensurePackages(purpose, packages) {
  const missing = packages.filter((p) => !p.present());
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name);
  const command = `apt-get install -y ${names.join(' ')}`;
  if (!isRoot) {
    throw new Error(`${purpose} needs the Debian packages ${names.join(', ')}; install them as root: ${command}`);
  }
  console.log(`\n${purpose}: installing ${names.join(', ')} with apt`);
  let ok = !aptUpdated && apt(['install', '-y', ...names]);
  if (!ok) {
    aptUpdated = apt(['update']);
    ok = apt(['install', '-y', ...names]);
  }
  const still = missing.filter((p) => !p.present()).map((p) => p.name);
  if (!ok || still.length > 0) throw new Error(`${purpose}: \`${command}\` failed; install ${still.join(', ') || names.join(', ')} by hand`);
}

export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';
export const CHROMIUM = '/usr/bin/chromium';

export const postgresPackages = [
  { name: 'postgresql', present: () => fs.existsSync(`${POSTGRES_BIN}/initdb`) && fs.existsSync(`${POSTGRES_BIN}/pg_ctl`) },
];

export const browserPackages = [
  { name: 'chromium', present: () => fs.existsSync(CHROMIUM) },
  // Without CJK glyphs every Chinese label renders as a box, and the screenshots are worthless.
  { name: 'fonts-noto-cjk', present: () => debianPackageInstalled('fonts-noto-cjk') },
];

/** The user id and group id of the `postgres` account that the Debian package creates. */
export function postgresAccount() {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}
