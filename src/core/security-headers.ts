import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers (CSP and the rest of Helmet's set). They do not depend on the request,
 * so Helmet runs once at start-up against a recording response and every reply gets the
 * recorded headers — Helmet's middleware per request costs as much as a small route.
 */
export function installSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (k: string, v: string | number | readonly string[]) => { headers[k.toLowerCase()] = String(v); },
    removeHeader: (k: string) => { delete headers[k.toLowerCase()]; },
  };
  let failed: unknown = null;
  helmet(options)({} as never, recorder as never, (err?: unknown) => { failed = err ?? null; });
  if (failed) throw failed;
  app.addHook('onRequest', async (_req, reply) => { reply.headers(headers); });
}
