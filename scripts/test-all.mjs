#!/usr/bin/env node
// `npm test`: every suite, in order — type check, build (for the browser tests), the API suite on SQLite and on
// a throw-away PostgreSQL (one vitest run: each file loads once and runs its tests on both databases; the report
// is split back into the unit, SQLite and PostgreSQL suites), and the browser tests in Debian's chromium. A suite
// that cannot run counts as a failure; none is skipped silently. The last line is `N passed, N failed`.
//
// `npm test -- sqlite browser` runs only the named suites (typecheck, sqlite, postgres, browser); the
// others are listed as not selected.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startThrowawayPostgres } from './throwaway-postgres.mjs';
import { browserPackages, ensurePackages } from './system-packages.mjs';
import { readReport, suiteLine, summarise, summariseByDatabase } from './vitest-report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const allSuites = ['typecheck', 'sqlite', 'postgres', 'browser'];
const args = process.argv.slice(2);
const unknown = args.filter((a) => !allSuites.includes(a));
if (unknown.length) {
  console.error(`unknown suite ${unknown.join(', ')}; choose from ${allSuites.join(', ')}`);
  process.exit(2);
}
const selected = new Set(args.length ? args : allSuites);
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyan-test-'));
const results = [];
const cleanups = [];

function cleanup() {
  while (cleanups.length) cleanups.pop()();
  fs.rmSync(reportDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanup();
    process.exit(130);
  });
}
process.once('exit', cleanup);

function banner(text) {
  console.log(`\n━━━ ${text} ━━━`);
}

function run(cmd, cmdArgs, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env });
    child.on('error', (err) => {
      console.error(String(err));
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Like `run`, with stdout and stderr kept and handed back instead of shown as they come. */
function runHeld(cmd, cmdArgs) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => resolve({ code: 127, output: `${output}${err}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** The environment of the API runs: no database URL leaks in from the caller's shell. */
function baseEnv() {
  const env = { ...process.env };
  delete env.TEST_PG_URL;
  delete env.HONGYAN_REQUIRE_PG;
  delete env.HONGYAN_TEST_TARGETS;
  delete env.DATABASE_URL;
  return env;
}

/** One vitest run of the named projects (a pattern such as `api*` names several), with its JSON report. */
async function vitest(project, env) {
  const file = path.join(reportDir, `${project.replace(/\W/g, '')}-${results.length}.json`);
  const code = await run(path.join(root, 'node_modules/.bin/vitest'),
    ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], env);
  return { report: readReport(file), code };
}

function record(label, s) {
  results.push({ label, ...s });
}

function recordStep(label, ok, problem) {
  results.push({ label, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, problems: ok ? [] : [problem], step: true });
}

const started = Date.now();

// The type check and the build each keep one core busy: on two or more they run side by side, their output held
// back and printed one after the other.
const typecheck = selected.has('typecheck') ? runHeld('npm', ['run', '-s', 'typecheck']) : undefined;
const build = selected.has('browser') ? runHeld('npm', ['run', '-s', 'build']) : undefined;
if (typecheck) {
  banner('type check');
  const { code, output } = await typecheck;
  process.stdout.write(output);
  recordStep('type check', code === 0, 'tsc reported errors (see above)');
}

let built = true;
if (build) {
  banner('build (server and web app, for the browser tests)');
  const { code, output } = await build;
  process.stdout.write(output);
  built = code === 0;
  recordStep('build', built, 'the build failed (see above); the browser tests cannot run');
}

const databases = ['sqlite', 'postgres'].filter((d) => selected.has(d));
if (databases.length) {
  let pg;
  if (databases.includes('postgres')) {
    banner('throw-away PostgreSQL cluster');
    try {
      pg = await startThrowawayPostgres();
      cleanups.push(pg.stop);
      console.log(`PostgreSQL listening on 127.0.0.1:${pg.port}`);
    } catch (err) {
      recordStep('PostgreSQL', false, err instanceof Error ? err.message : String(err));
    }
  }
  const targets = databases.filter((d) => d === 'sqlite' || pg);
  if (targets.length) {
    banner(`API tests on ${targets.map((d) => (d === 'sqlite' ? 'SQLite' : 'PostgreSQL')).join(' and ')}`);
    // HONGYAN_TEST_TARGETS names the databases; HONGYAN_REQUIRE_PG makes the harness fail rather than quietly
    // drop PostgreSQL if the URL were lost on the way.
    const env = { ...baseEnv(), HONGYAN_TEST_TARGETS: targets.join(',') };
    if (pg) Object.assign(env, { TEST_PG_URL: pg.url, HONGYAN_REQUIRE_PG: '1' });
    try {
      // `api` and `api-own-modules` (vitest.config.ts): one run, one report.
      const { report, code } = await vitest('api*', env);
      const split = summariseByDatabase(report, code);
      record('unit', split.unit);
      if (targets.includes('sqlite')) record('SQLite', split.sqlite);
      if (targets.includes('postgres')) record('PostgreSQL', split.postgres);
    } finally {
      if (pg) {
        cleanups.splice(cleanups.indexOf(pg.stop), 1);
        pg.stop();
      }
    }
  }
}

if (selected.has('browser')) {
  banner('browser tests (chromium)');
  let ready = built;
  if (built) {
    try {
      ensurePackages('The browser tests', browserPackages);
    } catch (err) {
      ready = false;
      recordStep('browser', false, err instanceof Error ? err.message : String(err));
    }
  } else {
    console.log('not run: the build failed');
  }
  if (ready) {
    const { report, code } = await vitest('e2e', baseEnv());
    record('browser', summarise(report, code));
  }
}

banner(`summary (${Math.round((Date.now() - started) / 1000)} s)`);
for (const suite of allSuites.filter((s) => !selected.has(s))) console.log(`${suite}: not selected`);
let passed = 0;
let failed = 0;
for (const r of results) {
  passed += r.passed;
  failed += r.failed;
  console.log(r.step ? `${r.label}: ${r.failed ? 'failed' : 'passed'}` : suiteLine(r.label, r));
  for (const p of r.problems) console.log(`  ! ${p}`);
}
cleanup();
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
