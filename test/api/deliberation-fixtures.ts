import type { LightMyRequestResponse } from 'fastify';
import type { Session, TestApp } from '../helpers/app.js';

/** Records the deliberation API tests build on, made through the API (so they are audited like real ones). */
export async function must<T = Record<string, unknown>>(p: Promise<LightMyRequestResponse>, status = 201): Promise<T> {
  const r = await p;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json() as T;
}

/** PUT and raw uploads, which Session does not offer. */
export function put(t: TestApp, s: Session, url: string, body: unknown) {
  return t.app.inject({ method: 'PUT', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
}
export function upload(t: TestApp, s: Session, url: string, data: Buffer, contentType: string) {
  return t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType }, payload: data });
}

export interface TopicView {
  id: number; orgId: number; status: string; field: string; kind: string; reason: string | null; mine: boolean; raiserName: string; source: string;
  mergedInto: { id: number; title: string } | null; voteId: number | null; actions: string[];
}
export interface TopicDetailView {
  topic: TopicView; events: { kind: string; fromStatus: string | null; toStatus: string | null; note: string | null; data: unknown }[];
  decision: { outcome: string; counts: Record<string, number> | null; eligible: number | null; cast: number | null } | null;
  tasks: { task: { id: number; progress: number; status: string }; updates: { note: string; progress: number }[] }[];
  mergedHere: { id: number }[];
}

export async function raise(s: Session, over: Record<string, unknown> = {}) {
  return must<TopicDetailView>(s.post('/api/v1/topics', { title: '3 号楼门前路灯不亮', description: '晚上回家很黑，老人容易摔倒，希望尽快修好。', field: 'livelihood', ...over }));
}

export async function accept(s: Session, id: number) {
  return must<TopicDetailView>(s.post(`/api/v1/topics/${id}/transition`, { action: 'accept' }), 200);
}

export interface BodyView {
  body: { id: number; members: number; membersWithAccount: number; actions: string[] };
  members: { id: number; userId: number | null; name: string; memberKind: string; status: string }[];
}
export async function body(s: Session, orgId: number, over: Record<string, unknown> = {}) {
  return must<BodyView>(s.post('/api/v1/delib-bodies', { orgId, name: '富康社区居民议事会', kind: 'council', ...over }));
}
export async function addMember(s: Session, bodyId: number, over: Record<string, unknown> = {}) {
  return must<BodyView>(s.post(`/api/v1/delib-bodies/${bodyId}/members`, { name: '王楼长', memberKind: 'buildingHead', ...over }));
}

/** A body of `n` representatives, each a resident account of the community, with their sessions. */
export async function bodyWithVoters(t: TestApp, worker: Session, orgId: number, orgCode: string, n: number, prefix: string) {
  const b = await body(worker, orgId, { name: `${prefix}议事会` });
  const voters: { userId: number; session: Session }[] = [];
  for (let i = 0; i < n; i++) {
    const u = await t.user('resident', orgCode, `${prefix}_rep_${i}`);
    await addMember(worker, b.body.id, { userId: u.id, memberKind: i % 2 ? 'residentRep' : 'partyMember', name: `代表${i}` });
    voters.push({ userId: u.id, session: await t.login(u.username) });
  }
  return { bodyId: b.body.id, voters };
}

export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
