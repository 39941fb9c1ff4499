import type { Role } from '../db/schema.js';

/**
 * Role → coarse permissions. Modules' policy functions combine these with the resource
 * (its org path, its level) — no `role === 'x'` checks anywhere else.
 * 三员分立: the three admin roles are separate accounts; a user has exactly one role.
 */
export const ROLES: readonly Role[] = [
  'sysAdmin', 'securityAdmin', 'auditAdmin',
  'streetStaff', 'communityWorker', 'gridWorker', 'departmentStaff', 'socialOrgStaff', 'resident',
];
export const ADMIN_ROLES: readonly Role[] = ['sysAdmin', 'securityAdmin', 'auditAdmin'];

export type Permission =
  | 'org.read' | 'org.write' | 'org.import'
  | 'user.read' | 'user.write' | 'user.security'
  | 'pi.reveal'
  | 'audit.read'
  | 'resident.self'
  // Base information: places (estates … households), resident records, grid work.
  | 'place.read' | 'place.write'
  | 'resident.read' | 'resident.write' | 'resident.import'
  /** Reveal a resident's ID number, phone or exact address (with a reason, audited). */
  | 'resident.reveal'
  | 'gridwork.read' | 'gridwork.write'
  // Requests (接诉即办): report, see, dispatch (accept, route, merge, close), handle as the
  // assigned unit, supervise (督办) as a street or district, configure categories and routing.
  | 'request.submit' | 'request.read' | 'request.dispatch' | 'request.handle' | 'request.supervise' | 'request.configure' | 'request.catalogue'
  /** Reveal a reporter's contact given with a request (with a reason, audited). */
  | 'request.reveal'
  // Volunteering and points (志愿积分、爱心超市、双报到、三张清单). `volunteer.self`: a resident
  // signs up, checks in, sees their hours and points, redeems in the store, claims needs.
  | 'volunteer.self' | 'volunteer.read' | 'volunteer.manage'
  /** The points ledger: read accounts and movements; award from a community pool or correct; fund pools; verify. */
  | 'points.read' | 'points.award' | 'points.issue' | 'points.verify'
  /** The love store (爱心超市): goods, donors, donations, stock, the counter. */
  | 'store.read' | 'store.manage'
  /** Party members (双报到), partner units, contracts, the three lists, claims, assessment. */
  | 'partner.read' | 'partner.manage' | 'partner.assess'
  // Deliberation and voting (议事协商、表决、民生微实事; issue 6). `deliberation.raise`: raise a topic or
  // a wish and follow it; `deliberation.self`: a resident takes part (sees topics and results,
  // comments in consultations, proposes, supervises and rates micro-projects).
  | 'deliberation.raise' | 'deliberation.self' | 'deliberation.read' | 'deliberation.manage'
  /** Votes: cast a ballot (the electorate decides who may), see votes, set up / open / close / publish them. */
  | 'vote.cast' | 'vote.read' | 'vote.manage'
  /** 民生微实事: budgets, proposal review, rounds, implementation. */
  | 'microproject.read' | 'microproject.manage'
  // The three-society linkage (三社联动; issue 7).
  /** Social organizations: the registry, incubation, growth assessments. */
  | 'socialorg.read' | 'socialorg.manage'
  /** Social workers, stations, community workers' profiles; `workforce.configure`: the career ladder and the local average wage. */
  | 'workforce.read' | 'workforce.manage' | 'workforce.configure'
  /** Projects: see; a community applies; the government reviews, funds, awards and accepts; the awardee implements; residents give feedback. */
  | 'project.read' | 'project.apply' | 'project.review' | 'project.implement' | 'project.feedback'
  /** Evaluations (监督评价): see and run campaigns; an evaluatee gives its self and peer scores; a sampled household answers the survey. */
  | 'evaluation.read' | 'evaluation.manage' | 'evaluation.score' | 'evaluation.respond';

const BASE_INFO: readonly Permission[] = [
  'place.read', 'place.write', 'resident.read', 'resident.write', 'resident.import', 'resident.reveal', 'gridwork.read', 'gridwork.write',
];

const REQUESTS_DESK: readonly Permission[] = ['request.submit', 'request.read', 'request.dispatch', 'request.handle', 'request.reveal'];

/** What a community runs with its volunteers, members and partners. */
const COMMUNITY_SERVICE: readonly Permission[] = [
  'volunteer.read', 'volunteer.manage', 'points.read', 'points.award', 'store.read', 'store.manage', 'partner.read', 'partner.manage', 'partner.assess',
];

/** What a community runs for deliberation, votes and micro-projects. */
const DELIBERATION_DESK: readonly Permission[] = [
  'deliberation.raise', 'deliberation.read', 'deliberation.manage', 'vote.read', 'vote.manage', 'microproject.read', 'microproject.manage',
];

/** The three-society linkage as a community sees it. */
const LINKAGE_DESK: readonly Permission[] = [
  'socialorg.read', 'socialorg.manage', 'workforce.read', 'project.read', 'project.apply', 'evaluation.read', 'evaluation.manage', 'evaluation.score',
];

const GRANTS: Record<Role, readonly Permission[]> = {
  sysAdmin: ['org.read', 'org.write', 'org.import', 'user.read', 'user.write', 'request.configure', 'request.catalogue'],
  securityAdmin: ['org.read', 'user.read', 'user.security', 'pi.reveal'],
  auditAdmin: ['audit.read', 'points.verify'],
  // Business data (residents) is for the street, community and grid staff who collect and
  // serve it; the three admin roles manage the system, not people's records.
  streetStaff: ['org.read', 'org.write', 'user.read', 'user.write', 'pi.reveal', ...BASE_INFO, ...REQUESTS_DESK, 'request.supervise', 'request.configure',
    ...COMMUNITY_SERVICE, 'points.issue', 'points.verify', ...DELIBERATION_DESK, ...LINKAGE_DESK,
    'workforce.manage', 'workforce.configure', 'project.review'],
  communityWorker: ['org.read', 'org.write', 'user.read', ...BASE_INFO, ...REQUESTS_DESK, ...COMMUNITY_SERVICE, ...DELIBERATION_DESK, ...LINKAGE_DESK],
  gridWorker: ['org.read', ...BASE_INFO, 'request.submit', 'request.read', 'request.handle', 'volunteer.read', 'volunteer.manage',
    'deliberation.raise', 'deliberation.read', 'vote.read'],
  departmentStaff: ['org.read', 'request.read', 'request.handle', 'evaluation.read', 'evaluation.score'],
  // Staff of a social organization (bound to the street or community it is registered in;
  // which organization they act for is the socialorgs module's link): implement awarded projects.
  socialOrgStaff: ['socialorg.read', 'project.read', 'project.implement', 'evaluation.read', 'evaluation.score'],
  resident: ['resident.self', 'request.submit', 'volunteer.self', 'deliberation.raise', 'deliberation.self', 'vote.cast', 'project.feedback', 'evaluation.respond'],
};

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

export function hasPermission(role: Role, p: Permission): boolean {
  return GRANTS[role].includes(p);
}

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  sysAdmin: { zh: '系统管理员', en: 'System admin' },
  securityAdmin: { zh: '安全管理员', en: 'Security admin' },
  auditAdmin: { zh: '审计管理员', en: 'Audit admin' },
  streetStaff: { zh: '街道工作人员', en: 'Street staff' },
  communityWorker: { zh: '社区工作者', en: 'Community worker' },
  gridWorker: { zh: '网格员', en: 'Grid worker' },
  departmentStaff: { zh: '部门工作人员', en: 'Department staff' },
  socialOrgStaff: { zh: '社会组织工作人员', en: 'Social organization staff' },
  resident: { zh: '居民', en: 'Resident' },
};
