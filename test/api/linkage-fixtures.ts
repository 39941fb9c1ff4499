import type { Session, TestApp } from '../helpers/app.js';

/**
 * Records of the three-society linkage (社会组织, 社工) the projects and evaluations tests build
 * on, made through the API so they are scoped and audited like real ones. The exported
 * signatures stay stable; options may grow.
 */
async function must<T>(p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 201): Promise<T> {
  const r = await p;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json() as T;
}

export interface SocialOrgRecord { id: number; name: string; orgId: number; status: string }

/** A record-filed (备案) social organization at a street or community, made by a manager (streetStaff or communityWorker) in scope. */
export async function socialOrg(manager: Session, orgId: number, over: Record<string, unknown> = {}): Promise<SocialOrgRecord> {
  return must<SocialOrgRecord>(manager.post('/api/v1/social-orgs', {
    orgId, filing: 'filed', name: '富康邻里互助会', category: 'life_service', filingNo: `BA-${Math.random().toString(36).slice(2, 10)}`,
    legalPersonName: '李秀兰', legalPersonPhone: '13800001111', memberCount: 12, ...over,
  }));
}

/**
 * A social organization with one staff account (role socialOrgStaff) at `orgCode`, linked
 * through POST /social-orgs/:id/staff, and that account signed in.
 */
export async function socialOrgWithStaff(t: TestApp, manager: Session, orgId: number, orgCode: string, username: string, over: Record<string, unknown> = {}) {
  const org = await socialOrg(manager, orgId, over);
  const user = await t.user('socialOrgStaff', orgCode, username);
  await must(manager.post(`/api/v1/social-orgs/${org.id}/staff`, { userId: user.id, title: '项目负责人' }));
  return { org, user, session: await t.login(user.username) };
}

/** Links an existing socialOrgStaff account to an organization. */
export async function linkStaff(manager: Session, socialOrgId: number, userId: number) {
  await must(manager.post(`/api/v1/social-orgs/${socialOrgId}/staff`, { userId }));
}

export interface SocialWorkerRecord { id: number; name: string; orgId: number; status: string; userId: number | null }

/** A professional social worker (专业社工) at a street or community; needs workforce.manage (streetStaff). */
export async function socialWorker(streetStaff: Session, orgId: number, over: Record<string, unknown> = {}): Promise<SocialWorkerRecord> {
  return must<SocialWorkerRecord>(streetStaff.post('/api/v1/social-workers', {
    orgId, name: '陈思远', certLevel: 'intermediate', certNo: `SG-${Math.random().toString(36).slice(2, 10)}`, certOn: '2024-06-30', ...over,
  }));
}

/** A social worker whose profile is linked to a new socialOrgStaff account at `orgCode`, and that account signed in. */
export async function socialWorkerWithAccount(t: TestApp, streetStaff: Session, orgId: number, orgCode: string, username: string, over: Record<string, unknown> = {}) {
  const user = await t.user('socialOrgStaff', orgCode, username);
  const worker = await socialWorker(streetStaff, orgId, { userId: user.id, ...over });
  return { worker, user, session: await t.login(user.username) };
}
