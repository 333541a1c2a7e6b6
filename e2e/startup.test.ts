import { describe, expect, it } from 'vitest';
import { runServerToExit } from './harness.js';

const SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123456789';

describe('the built server refuses unsafe production starts', () => {
  it('without HONGYAN_SECRET', async () => {
    const { code, output } = await runServerToExit({ NODE_ENV: 'production' });
    expect(code).not.toBe(0);
    expect(output).toContain('HONGYAN_SECRET is required');
  });

  it('without HTTPS or an explicit allowance of plain HTTP', async () => {
    const { code, output } = await runServerToExit({ NODE_ENV: 'production', HONGYAN_SECRET: SECRET });
    expect(code).not.toBe(0);
    expect(output).toContain('without HTTPS');
  });

  it('with demo mode switched on', async () => {
    const { code, output } = await runServerToExit({ NODE_ENV: 'production', HONGYAN_SECRET: SECRET, HONGYAN_TRUST_PROXY: '1', HONGYAN_DEMO: '1' });
    expect(code).not.toBe(0);
    expect(output).toContain('demo mode');
  });
});
