import autocannon from 'autocannon';

export interface LoadResult {
  /** completed 2xx responses per second of wall time */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  /** non-2xx answers, socket errors and timeouts: a run with any is not a valid figure */
  failures: number;
  /** the server's CPU time per completed request, when the caller can read it */
  cpuMsPerRequest?: number;
}

export interface LoadOptions {
  connections: number;
  /** upper bound of the run in seconds */
  seconds: number;
  /** upper bound of the run in requests */
  maxRequests: number;
  headers?: Record<string, string>;
}

/** One run of a keep-alive load against a URL on 127.0.0.1, bounded in time and in count. */
export async function runLoad(url: string, o: LoadOptions, serverCpuMs?: () => number): Promise<LoadResult> {
  const cpuBefore = serverCpuMs?.();
  const r = await autocannon({
    url,
    connections: o.connections,
    duration: o.seconds,
    maxOverallRequests: Math.max(o.maxRequests, o.connections),
    timeout: 10,
    headers: o.headers,
  });
  return {
    // duration is the run's actual length in seconds, shorter than asked when maxRequests ended it
    rps: r['2xx'] / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    requests: r.requests.total,
    failures: r.non2xx + r.errors + r.timeouts,
    cpuMsPerRequest: cpuBefore === undefined ? undefined : (serverCpuMs!() - cpuBefore) / Math.max(1, r['2xx']),
  };
}

/**
 * Waits until the server has drained what the previous run left queued (requests the load generator gave up
 * on are still processed), so a run does not inherit the previous run's backlog: a probe of the bare route
 * must come back quickly. A slow route can leave a minute of work queued (64 requests of a second each); gives
 * up after 90 s, as a busy machine may never answer that fast.
 */
export async function settle(url: string): Promise<void> {
  const deadline = performance.now() + 90_000;
  while (performance.now() < deadline) {
    const started = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (performance.now() - started < 100) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Comparison {
  bare: LoadResult;
  subject: LoadResult;
  ratio: number;
}

/**
 * The subject route against the bare route of the same server, alternating `rounds` times after a warm-up of
 * each, so drift (JIT, caches, CPU frequency) affects both alike. Figures are means over rounds; p99 is the worst.
 */
export async function compareRoutes(
  bareUrl: string,
  subjectUrl: string,
  o: LoadOptions & { rounds: number; warmupSeconds: number },
  subjectHeaders: Record<string, string>,
  serverCpuMs?: () => number,
): Promise<Comparison> {
  const warm = { ...o, seconds: o.warmupSeconds };
  const run = async (url: string, opts: LoadOptions) => {
    const r = await runLoad(url, opts, serverCpuMs);
    await settle(bareUrl);
    return r;
  };
  await run(bareUrl, warm);
  await run(subjectUrl, { ...warm, headers: subjectHeaders });
  const bare: LoadResult[] = [];
  const subject: LoadResult[] = [];
  for (let i = 0; i < o.rounds; i++) {
    bare.push(await run(bareUrl, o));
    subject.push(await run(subjectUrl, { ...o, headers: subjectHeaders }));
  }
  const b = combine(bare);
  const s = combine(subject);
  // A bare route that completed nothing makes no baseline: the ratio is then unknown, never a pass.
  return { bare: b, subject: s, ratio: b.rps > 0 ? s.rps / b.rps : Number.NaN };
}

function combine(runs: LoadResult[]): LoadResult {
  const mean = (f: (r: LoadResult) => number) => runs.reduce((a, r) => a + f(r), 0) / runs.length;
  const max = (f: (r: LoadResult) => number) => Math.max(...runs.map(f));
  return {
    rps: mean((r) => r.rps),
    p50Ms: mean((r) => r.p50Ms),
    p99Ms: max((r) => r.p99Ms),
    maxMs: max((r) => r.maxMs),
    requests: runs.reduce((a, r) => a + r.requests, 0),
    failures: runs.reduce((a, r) => a + r.failures, 0),
    cpuMsPerRequest: runs.every((r) => r.cpuMsPerRequest !== undefined) ? mean((r) => r.cpuMsPerRequest!) : undefined,
  };
}
