import type { Database } from '../db/database.js';
import type { OrgLevel, Role } from '../db/schema.js';
import type { Config } from '../config.js';
import type { FieldCipher } from './crypto.js';
import type { Lang } from './errors.js';
import type { ChangeBus } from './change-bus.js';

/** The signed-in user as every service sees it. Built once per request from the session. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  orgId: number;
  orgName: string;
  orgLevel: OrgLevel;
  orgCode: string;
  /** Materialized path of the user's org: the whole data scope in one string. */
  orgPath: string;
  sessionId: string;
  csrfToken: string;
  totpEnabled: boolean;
  mustChangePassword: boolean;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  lang: Lang;
}

/** Long-lived things a service operation may use. */
export interface Deps {
  db: Database;
  config: Config;
  cipher: FieldCipher;
  bus: ChangeBus;
  databaseKind: 'embedded' | 'external';
}

export interface Ctx {
  deps: Deps;
  actor: Actor | null;
  meta: RequestMeta;
}

export interface AuthedCtx extends Ctx {
  actor: Actor;
}

/** For CLI commands and start-up jobs, which act as the system rather than a user. */
export function systemCtx(deps: Deps, note = 'cli'): Ctx {
  return { deps, actor: null, meta: { ip: null, userAgent: note, lang: 'zh' } };
}
