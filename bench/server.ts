/*
 * The product server as main.ts starts it (server/start.ts: config → database → migrations → app → bootstrap →
 * listen → scheduler, so its scheduled jobs run as in production), plus one bench-only route that does nothing: the "bare route" the
 * member list is compared with. Listens on 127.0.0.1 on a port the system picks and tells the parent over IPC; on
 * request it records a CPU profile of a phase. Run only by bench/server-process.ts.
 */
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import { startServer } from '../server/start.js';

const { app, stop } = await startServer({
  port: 0,
  host: '127.0.0.1',
  routes: (a) => a.get('/api/bench/bare', { config: { access: { permission: 'public' } } }, async () => ({ status: 'ok' })),
});
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('the bench server has no TCP address');
process.send!({ port: address.port });

// `--profile`: the parent asks for a CPU profile of one phase (start, then stop with a file to write it to).
const session = new inspector.Session();
process.on('message', (m: { profile?: 'start' | 'stop'; file?: string }) => {
  void (async () => {
    if (m.profile === 'start') {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    } else if (m.profile === 'stop' && m.file) {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(m.file, JSON.stringify(profile));
      session.disconnect();
    }
    process.send!({ profiled: m.profile });
  })();
});
process.once('SIGTERM', () => {
  void stop().then(() => process.exit(0));
});
