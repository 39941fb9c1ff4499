import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCipher, loadMasterKey, maskIdNumber, maskName, maskPhone } from './crypto.js';

const key = () => crypto.randomBytes(32);

describe('field cipher', () => {
  it('round-trips text, including Chinese and the empty string', () => {
    const c = createCipher(key());
    for (const plain of ['13812345678', '620902198001011234', '张三丰', '', 'a'.repeat(5000)]) {
      const enc = c.encrypt(plain);
      expect(enc.startsWith('v1:')).toBe(true);
      expect(enc).not.toContain(plain || '\u0000');
      expect(c.decrypt(enc)).toBe(plain);
    }
  });

  it('uses a fresh IV: the same plaintext encrypts differently each time', () => {
    const c = createCipher(key());
    const a = c.encrypt('13812345678');
    const b = c.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(c.decrypt(a)).toBe(c.decrypt(b));
  });

  it('detects tampering with the ciphertext, the tag or the IV', () => {
    const c = createCipher(key());
    const enc = c.encrypt('13812345678');
    const raw = Buffer.from(enc.slice(3), 'base64');
    for (const at of [0, 12, 28, raw.length - 1]) { // IV, tag, first and last ciphertext byte
      const bad = Buffer.from(raw);
      bad[at] ^= 0x01;
      expect(() => c.decrypt('v1:' + bad.toString('base64')), `byte ${at}`).toThrow();
    }
    expect(() => c.decrypt('v1:' + raw.subarray(0, raw.length - 1).toString('base64'))).toThrow();
  });

  it('round-trips whole files as bytes and detects tampering', () => {
    const c = createCipher(key());
    const plain = Buffer.from('姓名,证件号码\n张三,620902198001011234\n');
    const enc = c.encryptBytes(plain);
    expect(enc.includes(Buffer.from('620902198001011234'))).toBe(false);
    expect(c.decryptBytes(enc).equals(plain)).toBe(true);
    const bad = Buffer.from(enc);
    bad[bad.length - 1] ^= 1;
    expect(() => c.decryptBytes(bad)).toThrow();
    expect(() => createCipher(key()).decryptBytes(enc)).toThrow();
  });

  it('refuses a ciphertext made with another key and an unknown version', () => {
    const enc = createCipher(key()).encrypt('secret');
    expect(() => createCipher(key()).decrypt(enc)).toThrow();
    expect(() => createCipher(key()).decrypt('v2:' + enc.slice(3))).toThrow(/version/);
    expect(() => createCipher(key()).decrypt('13812345678')).toThrow(/version/);
  });

  it('lookup hashes are deterministic per key, trimmed, and differ across keys', () => {
    const k = key();
    const a = createCipher(k);
    const b = createCipher(Buffer.from(k));
    expect(a.lookupHash('13812345678')).toBe(b.lookupHash(' 13812345678 '));
    expect(a.lookupHash('13812345678')).toMatch(/^[0-9a-f]{64}$/);
    expect(a.lookupHash('13812345678')).not.toBe(a.lookupHash('13812345679'));
    expect(createCipher(key()).lookupHash('13812345678')).not.toBe(a.lookupHash('13812345678'));
    // The lookup hash is not a plain SHA-256 of the value (it is keyed).
    expect(a.lookupHash('13812345678')).not.toBe(crypto.createHash('sha256').update('13812345678').digest('hex'));
  });
});

describe('master key', () => {
  it('takes a 32-byte base64 key from the environment and rejects other lengths', () => {
    const k = key();
    expect(loadMasterKey('/nonexistent', k.toString('base64')).equals(k)).toBe(true);
    expect(() => loadMasterKey('/nonexistent', crypto.randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });

  it('creates <dataDir>/keys/master.key (0600) once and reads the same key back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-key-'));
    try {
      const k1 = loadMasterKey(dir, null);
      expect(k1.length).toBe(32);
      const file = path.join(dir, 'keys', 'master.key');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(loadMasterKey(dir, null).equals(k1)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('maskers', () => {
  it('masks names: 张*丰, 张*, 欧**锋', () => {
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小锋')).toBe('欧**锋');
    expect(maskName('张')).toBe('张');
  });

  it('masks ID numbers: 620902********1234', () => {
    expect(maskIdNumber('620902199001011234')).toBe('620902********1234');
    expect(maskIdNumber('62090219900101123X')).toBe('620902********123X');
    expect(maskIdNumber('1234567890')).toBe('12********');
  });

  it('masks phones: 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('123456')).toBe('******');

  });
});
