import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type helmetModule from 'helmet';
import type { Config } from '../config.js';

/*
 * helmet is @fastify/helmet's own dependency, resolved through it so its pinned version is the one used. The
 * plugin builds a helmet middleware on every request, re-reading the CSP directives each time (about 0.1 ms, as
 * much as the rest of a bare route); the middleware is built here once.
 */
const requireFromPlugin = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'));
const helmet = requireFromPlugin('helmet') as typeof helmetModule;

/** Security headers on every answer: a CSP that works with antd's injected styles and with plain HTTP on an intranet. */
export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  const headers = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd's css-in-js injects <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Intranets serve plain HTTP on a LAN address: upgrading would break every asset.
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) => headers(req.raw, reply.raw, () => done()));
}
