import { normalizeIdNumber } from '../residents/rules.js';

/**
 * The first row of each identity seen in a file, for rejecting repeats. A million rows is
 * the design size, so ID card numbers (nearly all rows) are packed into a number each —
 * region (20 bits) · days since 1900 (16 bits) · sequence (10 bits), exact below 2^46; the
 * check character follows from the rest — and kept in an open-addressing table of typed
 * arrays (~24 bytes a row, outside the JS heap). Other documents use a Map.
 */
export class SeenIds {
  private keys = new Float64Array(1 << 16);
  private rows = new Int32Array(1 << 16);
  private size = 0;
  private readonly other = new Map<string, number>();

  /** The row first seen with this identity, or undefined (and `rowNo` is recorded). */
  firstOrAdd(identity: string, rowNo: number): number | undefined {
    const key = packIdCard(identity);
    if (key === null) {
      const first = this.other.get(identity);
      if (first === undefined) this.other.set(identity, rowNo);
      return first;
    }
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    for (let i = slot(key, mask); ; i = (i + 1) & mask) {
      if (this.keys[i] === 0) {
        this.keys[i] = key;
        this.rows[i] = rowNo;
        this.size++;
        return undefined;
      }
      if (this.keys[i] === key) return this.rows[i];
    }
  }

  private grow() {
    const { keys, rows } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.rows = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === 0) continue;
      let i = slot(keys[j], mask);
      while (this.keys[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = keys[j];
      this.rows[i] = rows[j];
    }
  }
}

function slot(key: number, mask: number): number {
  // Mix high and low parts: nearby IDs (same region and birthday) must not cluster.
  const lo = key % 0x100000000 | 0, hi = Math.floor(key / 0x100000000) | 0;
  return (Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 0) & mask;
}

const DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1900, 0, 1);

/** 'idCard:' + a valid 18-character number → a non-zero integer below 2^46; anything else → null. */
export function packIdCard(identity: string): number | null {
  if (!identity.startsWith('idCard:')) return null;
  const id = normalizeIdNumber(identity.slice(7));
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  const days = (Date.UTC(+id.slice(6, 10), +id.slice(10, 12) - 1, +id.slice(12, 14)) - EPOCH_1900) / DAY;
  if (!(days >= 0 && days < 65536)) return null;
  return (+id.slice(0, 6) * 65536 + days) * 1024 + +id.slice(14, 17) + 1;
}
