import type { Session, TestApp } from '../helpers/app.js';
import type { World } from './fixtures.js';

/** Records the partners API tests build on, made through the API (so they are audited like real ones). */
export async function must<T = Record<string, unknown>>(p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 201): Promise<T & { id: number }> {
  const r = await p;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json() as T & { id: number };
}

export async function member(s: Session, orgId: number, over: Record<string, unknown> = {}) {
  return must<{ phone: string | null; status: string; userId: number | null }>(s.post('/api/v1/party-members', {
    orgId, name: '李红军', phone: '13912345678', workUnit: '肃州区税务局', partyOrg: '税务局机关党支部', status: 'active', ...over,
  }));
}

export async function unit(s: Session, orgId: number, over: Record<string, unknown> = {}) {
  return must<{ contactPhone: string | null }>(s.post('/api/v1/partner-units', { orgId, name: '酒泉市第一中学', kind: 'school', contactName: '王校长', contactPhone: '0937-2612345', ...over }));
}

export async function need(s: Session, orgId: number, over: Record<string, unknown> = {}) {
  return must<{ status: string; claimed: number; capacity: number }>(s.post('/api/v1/partner-needs', {
    orgId, title: '帮独居老人买菜', description: '每周两次，帮 3 号楼独居老人买菜送上门', category: '助老', source: 'wish', capacity: 1, ...over,
  }));
}

export async function post(s: Session, orgId: number, over: Record<string, unknown> = {}) {
  return must<{ claimed: number }>(s.post('/api/v1/service-posts', { orgId, name: '楼栋长', description: '3 号楼', capacity: 2, ...over }));
}

/** A resident account in the community, with a linked, active party-member record; returns both. */
export async function memberResident(t: TestApp, worker: Session, w: World, name: string, orgCode = '620902001001') {
  const u = await t.user('resident', orgCode, name);
  const sess = await t.login(u.username);
  const m = await member(worker, orgCode === '620902001001' ? w.communityA.id : w.communityB.id, { userId: u.id, name: `党员${name}` });
  return { user: u, session: sess, member: m };
}
