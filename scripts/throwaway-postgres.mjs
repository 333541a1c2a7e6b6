// A throw-away PostgreSQL 15 cluster for the test suite: a temporary folder, a free port on 127.0.0.1,
// trust authentication for loopback and the private socket folder only, durability switched off (the data
// is discarded). initdb refuses to run as root, so as root the cluster runs as the `postgres` account.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { POSTGRES_BIN, ensurePackages, isRoot, postgresAccount, postgresPackages } from './system-packages.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(bin, args, { asPostgres }) {
  const cmd = asPostgres && isRoot ? 'runuser' : path.join(POSTGRES_BIN, bin);
  const argv = asPostgres && isRoot ? ['-u', 'postgres', '--', path.join(POSTGRES_BIN, bin), ...args] : args;
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${bin} failed (exit ${r.status}): ${(r.stderr || r.stdout || String(r.error ?? '')).trim()}`);
  }
  return r.stdout;
}

/**
 * Starts a cluster and creates one database. Returns `{ url, socketUrl, port, stop() }` (`socketUrl`: the same
 * database through the cluster's Unix socket); `stop` is idempotent and synchronous so it can run from an exit handler.
 */
export async function startThrowawayPostgres({ database = 'hongyan_test' } = {}) {
  ensurePackages('The PostgreSQL test suite', postgresPackages);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyan-pg-'));
  if (isRoot) {
    const { uid, gid } = postgresAccount();
    fs.chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  const port = await freePort();
  let running = false;
  const stop = () => {
    if (running) {
      running = false;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], { asPostgres: true });
      } catch (err) {
        console.error(String(err));
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'], { asPostgres: true });
    // Only the private socket folder and 127.0.0.1 are trusted; nothing else may connect.
    fs.writeFileSync(path.join(data, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
    const options = [
      `-p ${port}`, '-c listen_addresses=127.0.0.1', `-c unix_socket_directories=${dir}`,
      '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=200',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '60', 'start'], { asPostgres: true });
    running = true;
    run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qc', `create database ${database}`], { asPostgres: false });
  } catch (err) {
    const tail = fs.existsSync(log) ? `\n--- server.log ---\n${fs.readFileSync(log, 'utf8').slice(-2000)}` : '';
    stop();
    throw new Error(`could not start the throw-away PostgreSQL: ${err instanceof Error ? err.message : err}${tail}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    socketUrl: `postgres://postgres@${encodeURIComponent(dir)}:${port}/${database}`,
    port,
    stop,
  };
}
