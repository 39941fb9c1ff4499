import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Field encryption for personal information: AES-256-GCM (integrity included) with a
 * master key that never enters the database. Lookups go through a keyed HMAC so an
 * exact phone/ID match needs no decryption and a stolen table reveals nothing.
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Keyed, deterministic hash for exact-match search. */
  lookupHash(value: string): string;
  /** Whole files holding personal information (an import's upload and its error report). */
  encryptBytes(plain: Buffer): Buffer;
  decryptBytes(stored: Buffer): Buffer;
}

export function loadMasterKey(dataDir: string, envKey: string | null): Buffer {
  if (envKey) {
    const key = Buffer.from(envKey, 'base64');
    if (key.length !== 32) throw new Error('GONGZHI_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
    return key;
  }
  const file = path.join(dataDir, 'keys', 'master.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

export function createCipher(master: Buffer): FieldCipher {
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  const encKey = derive('gongzhi/field-encryption/v1');
  const macKey = derive('gongzhi/lookup-hash/v1');
  // Random IVs are drawn from the CSPRNG a thousand at a time: one call per value (a bulk
  // import encrypts millions) cost as much as the encryption itself.
  let ivs = Buffer.alloc(0);
  let ivAt = 0;
  const nextIv = () => {
    if (ivAt + 12 > ivs.length) {
      ivs = crypto.randomBytes(12 * 1024);
      ivAt = 0;
    }
    return ivs.subarray(ivAt, (ivAt += 12));
  };
  return {
    encrypt(plain) {
      const iv = nextIv();
      const c = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const ct = c.update(plain, 'utf8');
      c.final();
      return 'v1:' + Buffer.concat([iv, c.getAuthTag(), ct], 28 + ct.length).toString('base64');
    },
    decrypt(stored) {
      if (!stored.startsWith('v1:')) throw new Error('unknown ciphertext version');
      const buf = Buffer.from(stored.slice(3), 'base64');
      const d = crypto.createDecipheriv('aes-256-gcm', encKey, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
    lookupHash(value) {
      return crypto.createHmac('sha256', macKey).update(value.trim()).digest('hex');
    },
    encryptBytes(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([Buffer.from([1]), iv, c.getAuthTag(), ct]);
    },
    decryptBytes(stored) {
      if (stored[0] !== 1) throw new Error('unknown ciphertext version');
      const d = crypto.createDecipheriv('aes-256-gcm', encKey, stored.subarray(1, 13));
      d.setAuthTag(stored.subarray(13, 29));
      return Buffer.concat([d.update(stored.subarray(29)), d.final()]);
    },
  };
}

/** 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** 张*丰 / 张* */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** 620902********1234 */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return id.slice(0, 2) + '*'.repeat(Math.max(0, id.length - 2));
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}
