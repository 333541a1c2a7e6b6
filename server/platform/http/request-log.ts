import type { FastifyRequest } from 'fastify';

/**
 * A request's address as the log keeps it: the path and the names of its query parameters, never their values. A
 * search by ID number, phone or name puts personal data in the query string (`/api/v1/members?q=…`), and logs are
 * kept and shipped where member data may not go (PIPL; docs/security.md).
 */
export function loggedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = new Set(new URLSearchParams(url.slice(at + 1)).keys());
  return names.size ? `${url.slice(0, at)}?${[...names].map((n) => `${encodeURIComponent(n)}=…`).join('&')}` : url.slice(0, at);
}

/** Fastify's request serializer with the address reduced by `loggedUrl`. */
export const requestLogSerializers = {
  req: (req: FastifyRequest) => ({
    method: req.method,
    url: loggedUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};
