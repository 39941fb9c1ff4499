import { expect } from 'vitest';
import type { Session, TestApp } from '../helpers/app.js';
import { idCheckChar } from '../../src/modules/residents/rules.js';
import { householdKey } from '../../src/modules/places/rules.js';

/**
 * Factories for the residents tests: valid ID card numbers, households inserted directly
 * (the columns the places module writes), and residents created through the API.
 */
export const API = '/api/v1';

/** A valid 18-character ID card number: region 620902, the birth date, a sequence whose parity is the gender. */
export function idCard(birth: string, gender: 'male' | 'female', seq = 1, region = '620902'): string {
  const s = String((seq * 2 + (gender === 'male' ? 1 : 0)) % 1000).padStart(3, '0');
  const first17 = `${region}${birth.replace(/-/g, '')}${s}`;
  return first17 + idCheckChar(first17);
}

let nextSeq = 1;
/** A fresh valid ID number for each call (distinct sequence), born on `birth`. */
export function freshId(birth = '1980-05-06', gender: 'male' | 'female' = 'male'): string {
  return idCard(birth, gender, nextSeq++ % 499);
}

let room = 0;
export async function household(t: TestApp, org: { id: number; path: string }, place = '富康小区 1号楼 1单元') {
  const r = `${++room}室`;
  const exact = `${place} ${r}`;
  const row = await t.handle.db.insertInto('household').values({
    org_id: org.id, org_path: org.path, place, room_enc: t.deps.cipher.encrypt(r), address_enc: t.deps.cipher.encrypt(exact),
    address_masked: `${place} ***`, address_hash: t.deps.cipher.lookupHash(householdKey({ orgId: org.id, street: place, room: r })),
  }).returning(['id']).executeTakeFirstOrThrow();
  return { id: row.id, place, orgId: org.id, orgPath: org.path };
}

export interface ResidentBody {
  id: number; orgId: number; orgName: string; householdId: number | null; householdPlace: string | null; relation: string | null;
  nameMasked: string; gender: string; birthYear: number | null; age: number | null; idType: string; idMasked: string | null;
  phoneMasked: string | null; ethnicity: string | null; politicalStatus: string | null; registrationType: string; arrivalDate: string | null;
  tags: string[]; note: string | null; status: string; statusReason: string | null; hasAccount: boolean; createdAt: string; updatedAt: string; actions: string[];
}

export async function createResident(who: Session, body: Record<string, unknown>): Promise<ResidentBody> {
  const r = await who.post(`${API}/residents`, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as ResidentBody;
}

/** Today shifted by whole years (and days), as YYYY-MM-DD in UTC, for age-boundary birth dates. */
export function yearsAgo(years: number, days = 0): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate() + days));
  return d.toISOString().slice(0, 10);
}
