import { describe, expect, it } from 'vitest';
import { dummyVerify, hashPassword, isCommonPassword, passwordProblem, verifyPassword } from './password.js';
import { checkTotp, newTotpSecret, otpauthUrl, totpCodeAt } from './totp.js';

describe('password hashing (argon2id)', () => {
  it('hashes with argon2id at the OWASP cost and verifies', async () => {
    const h = await hashPassword('Gz-test-2026!');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(h).not.toContain('Gz-test-2026!');
    expect(await verifyPassword(h, 'Gz-test-2026!')).toBe(true);
    expect(await verifyPassword(h, 'Gz-test-2026?')).toBe(false);
    expect(await hashPassword('Gz-test-2026!')).not.toBe(h); // salted
  });

  it('treats a malformed hash as a mismatch instead of throwing', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(await verifyPassword('', 'x')).toBe(false);
  });

  it('dummyVerify answers false (used for unknown users)', async () => {
    expect(await dummyVerify('anything')).toBe(false);
  });
});

describe('passwordProblem', () => {
  it('basic: length 8..128', () => {
    expect(passwordProblem('Ab3$xyz', 'basic')!.en).toMatch(/at least 8/);
    expect(passwordProblem('Tq7#pLm2', 'basic')).toBeNull();
    expect(passwordProblem('x'.repeat(128) + 'Q1', 'basic')!.en).toMatch(/at most 128/);
    expect(passwordProblem('zQ8!'.repeat(32), 'basic')).toBeNull();
  });

  it('refuses common passwords, case-insensitively, including Chinese favourites', () => {
    for (const p of ['password', 'PASSWORD', '12345678', 'qwertyuiop', 'woaini1314', 'Admin@123', 'P@ssw0rd', 'a123456789'])
      expect(passwordProblem(p, 'basic'), p).toMatchObject({ en: expect.stringMatching(/too common/) });
    expect(isCommonPassword('Password1!')).toBe(true);
    expect(isCommonPassword('Gz-test-2026!')).toBe(false);
  });

  it('refuses a password containing the username', () => {
    expect(passwordProblem('zhangwei-2026', 'basic', 'ZhangWei')!.en).toMatch(/username/);
    expect(passwordProblem('zhangwei-2026', 'basic', 'liming')).toBeNull();
  });

  it('等保 profile: at least 10 characters from three classes', () => {
    expect(passwordProblem('Tq7#pLm2', 'dengbao')!.zh).toContain('等保');
    expect(passwordProblem('abcdefgh12', 'dengbao')).not.toBeNull(); // two classes
    expect(passwordProblem('abcdefghij', 'dengbao')).not.toBeNull(); // one class
    expect(passwordProblem('abcdefgH12', 'dengbao')).toBeNull();
    expect(passwordProblem('abcdefgh1!', 'dengbao')).toBeNull();
    expect(passwordProblem('ABCDEFGH1!', 'dengbao')).toBeNull();
    expect(passwordProblem('Gz-test-2026!', 'dengbao')).toBeNull();
  });

  it('messages come in both languages', () => {
    const m = passwordProblem('short', 'basic')!;
    expect(m.zh).toContain('8');
    expect(m.en).toContain('8');
  });
});

describe('TOTP', () => {
  const secret = newTotpSecret();
  const t0 = Date.UTC(2026, 0, 1, 12, 0, 15); // mid-step
  const step0 = Math.floor(t0 / 30_000);

  it('makes base32 secrets and otpauth URLs authenticators understand', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = otpauthUrl(secret, 'wang');
    expect(url).toMatch(/^otpauth:\/\/totp\//);
    expect(url).toContain(`secret=${secret}`);
    expect(url).toContain('digits=6');
    expect(url).toContain('period=30');
  });

  it('accepts the current code and answers its step', () => {
    expect(checkTotp(secret, totpCodeAt(secret, t0), null, t0)).toBe(step0);
  });

  it('accepts one step of clock drift either way, not two', () => {
    expect(checkTotp(secret, totpCodeAt(secret, t0 - 30_000), null, t0)).toBe(step0 - 1);
    expect(checkTotp(secret, totpCodeAt(secret, t0 + 30_000), null, t0)).toBe(step0 + 1);
    const far = totpCodeAt(secret, t0 + 90_000);
    if (far !== totpCodeAt(secret, t0) && far !== totpCodeAt(secret, t0 + 30_000) && far !== totpCodeAt(secret, t0 - 30_000))
      expect(checkTotp(secret, far, null, t0)).toBeNull();
  });

  it('refuses replay: a step not newer than the last accepted one', () => {
    const code = totpCodeAt(secret, t0);
    expect(checkTotp(secret, code, step0, t0)).toBeNull();
    expect(checkTotp(secret, totpCodeAt(secret, t0 - 30_000), step0, t0)).toBeNull();
    expect(checkTotp(secret, totpCodeAt(secret, t0 + 30_000), step0, t0)).toBe(step0 + 1);
  });

  it('refuses malformed codes and another secret’s code', () => {
    for (const c of ['', '12345', '1234567', 'abcdef', ' 123456', '12345a']) expect(checkTotp(secret, c, null, t0), c).toBeNull();
    const other = newTotpSecret();
    const code = totpCodeAt(other, t0);
    const mine = [t0 - 30_000, t0, t0 + 30_000].map((t) => totpCodeAt(secret, t));
    if (!mine.includes(code)) expect(checkTotp(secret, code, null, t0)).toBeNull();
  });
});
