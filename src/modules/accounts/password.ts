import argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { Msg } from '../../core/errors.js';

/** argon2id with OWASP-recommended cost (19 MiB, 2 passes). */
const ARGON = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, ARGON);
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/** Verifying against this keeps the answer time the same for unknown usernames. */
let dummyHash: Promise<string> | null = null;
export function dummyVerify(plain: string): Promise<boolean> {
  dummyHash ??= hashPassword('gongzhi-dummy-password-for-timing');
  return dummyHash.then((h) => verifyPassword(h, plain));
}

const COMMON = new Set<string>((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
// A few that Chinese users pick and the English list lacks.
for (const p of ['woaini1314', 'a123456789', 'qq123456', 'zhang123', 'abc123456', 'gongzhi123', 'admin@123', 'p@ssw0rd', 'password1!'])
  COMMON.add(p);

export type PasswordProfile = 'basic' | 'dengbao';

/** Returns why a new password is refused, or null when it is acceptable. */
export function passwordProblem(pw: string, profile: PasswordProfile, username?: string): Msg | null {
  if (pw.length < 8) return { zh: '密码至少 8 位', en: 'must be at least 8 characters' };
  if (pw.length > 128) return { zh: '密码最多 128 位', en: 'must be at most 128 characters' };
  if (COMMON.has(pw.toLowerCase())) return { zh: '密码过于常见，请换一个', en: 'is too common; choose another' };
  if (username && pw.toLowerCase().includes(username.toLowerCase()))
    return { zh: '密码不能包含用户名', en: 'must not contain the username' };
  if (profile === 'dengbao') {
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
    if (pw.length < 10 || classes < 3)
      return {
        zh: '等保要求：至少 10 位，且包含大写字母、小写字母、数字、符号中的三类',
        en: 'the 等保 profile needs at least 10 characters from three of: upper case, lower case, digits, symbols',
      };
  }
  return null;
}

export function isCommonPassword(pw: string): boolean {
  return COMMON.has(pw.toLowerCase());
}
