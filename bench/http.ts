/** A signed-in API session over real HTTP (keep-alive through fetch), as a script or another system uses it. */
export interface Session {
  base: string;
  cookie: string;
  csrf: string;
}

export async function login(base: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string; stage?: string };
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.includes('hongyan_sid='));
  if (!cookie) throw new Error(`login as ${username} set no session cookie`);
  return { base, cookie, csrf: body.csrfToken };
}

export async function getJson<T>(s: Session, path: string): Promise<T> {
  const res = await fetch(`${s.base}${path}`, { headers: { cookie: s.cookie } });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface Upload {
  status: number;
  ms: number;
  body: unknown;
}

/** Posts a file as the multipart field `file`, as the import wizard does. */
export async function upload(s: Session, path: string, data: Buffer, name: string): Promise<Upload> {
  const form = new FormData();
  form.append('file', new Blob([data]), name);
  const started = performance.now();
  const res = await fetch(`${s.base}${path}`, { method: 'POST', body: form, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
  const text = await res.text();
  const ms = performance.now() - started;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the report
  }
  return { status: res.status, ms, body };
}

export interface ReadLoop {
  /** stops the loop and returns its figures */
  stop(): Promise<{ requests: number; failures: number; maxMs: number; p99Ms: number }>;
}

/**
 * Small reads by `clients` users, each pausing `pauseMs` between reads as a person clicking through the app does:
 * what other users experience while something heavy (an import) runs, without the reads themselves taking a
 * noticeable share of the server. Latencies are kept in full; the loop runs until the caller's stop().
 */
export function startReadLoop(s: Session, path: string, clients: number, pauseMs: number): ReadLoop {
  let running = true;
  const latencies: number[] = [];
  let failures = 0;
  const worker = async () => {
    while (running) {
      const started = performance.now();
      try {
        const res = await fetch(`${s.base}${path}`, { headers: { cookie: s.cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) failures++;
      } catch {
        failures++;
      }
      latencies.push(performance.now() - started);
      if (running) await new Promise((r) => setTimeout(r, pauseMs));
    }
  };
  const workers = Array.from({ length: clients }, worker);
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        requests: sorted.length,
        failures,
        maxMs: sorted[sorted.length - 1] ?? 0,
        p99Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0,
      };
    },
  };
}

/**
 * One connection, one request at a time (at most `requests`, for at most `maxSeconds`): the time a request takes
 * when it waits for nothing else. The 10th percentile is close to the server's own service time even on a
 * machine other work keeps busy.
 */
export async function sequentialLatency(url: string, headers: Record<string, string>, requests: number, maxSeconds = 10): Promise<{ p10Ms: number; p50Ms: number; n: number }> {
  const times: number[] = [];
  const deadline = performance.now() + maxSeconds * 1000;
  for (let i = 0; i < requests && performance.now() < deadline; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p10Ms: times[Math.floor(times.length * 0.1)], p50Ms: times[Math.floor(times.length * 0.5)], n: times.length };
}
