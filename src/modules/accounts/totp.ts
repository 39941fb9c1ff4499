import * as OTPAuth from 'otpauth';

/** RFC 6238 TOTP (30 s, 6 digits, SHA-1: what every authenticator app speaks). */
const PERIOD = 30;

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totpFor(secret: string, label: string) {
  return new OTPAuth.TOTP({ issuer: 'Gongzhi 共治', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
}

export function otpauthUrl(secret: string, username: string): string {
  return totpFor(secret, username).toString();
}

/**
 * Accepts a code from the current or an adjacent 30 s step, and only once: the step
 * used must be newer than the last one accepted (replay protection).
 * Returns the step to remember, or null when the code is wrong or replayed.
 */
export function checkTotp(secret: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret, 'x').validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

export function totpCodeAt(secret: string, at: number): string {
  return totpFor(secret, 'x').generate({ timestamp: at });
}
