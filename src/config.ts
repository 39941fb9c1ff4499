import path from 'node:path';

/** Runtime configuration, read once from the environment. Every knob has a safe default. */
export interface Config {
  env: 'production' | 'development' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** Embedded PostgreSQL port; 0 = pick a free one. */
  embeddedPgPort: number;
  trustProxy: boolean;
  secureCookies: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  lockout: { maxFailures: number; lockMinutes: number };
  /** 等保 profile: complexity rules and password expiry. */
  passwordProfile: 'basic' | 'dengbao';
  passwordMaxAgeDays: number;
  loginRateLimitPerMinute: number;
  bodyLimitBytes: number;
  /** Largest resident import file accepted over HTTP (the CLI reads files of any size from disk). */
  importUploadLimitBytes: number;
  auditRetentionDays: number;
  admin: { username: string | null; password: string | null };
  encryptionKey: string | null;
  logLevel: string;
  requests: {
    /** 匿名反映: residents may report without their name attached (the request cannot be followed up by them). */
    allowAnonymous: boolean;
    /** Map tile URL template ({z}/{x}/{y}); null draws the grids on a blank background. */
    mapTileUrl: string | null;
    /** How often the overdue sweeper runs (seconds); 0 turns it off (tests drive it by hand). */
    sweepSeconds: number;
  };
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function bool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
}

export function loadConfig(overrides: Partial<Config> = {}): Config {
  const env = (process.env.NODE_ENV === 'production' ? 'production' : process.env.NODE_ENV === 'test' ? 'test' : 'development') as Config['env'];
  const retention = int('GONGZHI_AUDIT_RETENTION_DAYS', 365);
  const base: Config = {
    env,
    port: int('PORT', 3000),
    host: process.env.HOST || '0.0.0.0',
    dataDir: path.resolve(process.env.GONGZHI_DATA_DIR || 'data'),
    databaseUrl: process.env.DATABASE_URL || null,
    embeddedPgPort: int('GONGZHI_PG_PORT', 0),
    trustProxy: bool('GONGZHI_TRUST_PROXY', false),
    secureCookies: bool('GONGZHI_SECURE_COOKIES', false),
    session: { idleMinutes: int('GONGZHI_SESSION_IDLE_MINUTES', 30), absoluteHours: int('GONGZHI_SESSION_ABSOLUTE_HOURS', 12) },
    lockout: { maxFailures: int('GONGZHI_LOCKOUT_FAILURES', 5), lockMinutes: int('GONGZHI_LOCKOUT_MINUTES', 15) },
    passwordProfile: process.env.GONGZHI_PASSWORD_PROFILE === 'dengbao' ? 'dengbao' : 'basic',
    passwordMaxAgeDays: int('GONGZHI_PASSWORD_MAX_AGE_DAYS', 90),
    loginRateLimitPerMinute: int('GONGZHI_LOGIN_RATE_LIMIT', 20),
    bodyLimitBytes: int('GONGZHI_BODY_LIMIT', 1024 * 1024),
    importUploadLimitBytes: int('GONGZHI_IMPORT_UPLOAD_LIMIT', 50 * 1024 * 1024),
    // Records younger than 180 days are never purged, whatever the setting says.
    auditRetentionDays: Math.max(180, retention),
    admin: { username: process.env.GONGZHI_ADMIN_USER || null, password: process.env.GONGZHI_ADMIN_PASSWORD || null },
    encryptionKey: process.env.GONGZHI_ENCRYPTION_KEY || null,
    logLevel: process.env.LOG_LEVEL || (env === 'test' ? 'silent' : 'info'),
    requests: {
      allowAnonymous: bool('GONGZHI_ALLOW_ANONYMOUS', true),
      mapTileUrl: process.env.GONGZHI_MAP_TILE_URL || null,
      sweepSeconds: int('GONGZHI_SWEEP_SECONDS', 60),
    },
  };
  return { ...base, ...overrides };
}
