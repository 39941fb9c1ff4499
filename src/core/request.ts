import type { FastifyRequest } from 'fastify';
import type { Actor, AuthedCtx, Ctx, Deps } from './context.js';
import { errors } from './errors.js';
import { langOf } from './http-errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    deps: Deps;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session (login, health). */
    public?: boolean;
    /** Routes a user whose password must change may still call. */
    allowWhilePasswordExpired?: boolean;
  }
}

export function ctxOf(req: FastifyRequest): Ctx {
  return {
    deps: req.server.deps,
    actor: req.actor,
    meta: { ip: req.ip ?? null, userAgent: (req.headers['user-agent'] as string | undefined) ?? null, lang: langOf(req) },
  };
}

/** The context of a signed-in request; the auth hook already guaranteed the actor. */
export function authedCtx(req: FastifyRequest): AuthedCtx {
  const ctx = ctxOf(req);
  if (!ctx.actor) throw errors.unauthenticated();
  return ctx as AuthedCtx;
}
