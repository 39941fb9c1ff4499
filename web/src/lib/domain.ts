/** Shared domain vocabulary: roles, org levels, permissions and their labels. */
import type { MessageKey, Params } from './i18n';

type TFn = (key: MessageKey, params?: Params) => string;

export const ROLES = [
  'sysAdmin',
  'securityAdmin',
  'auditAdmin',
  'streetStaff',
  'communityWorker',
  'gridWorker',
  'departmentStaff',
  'socialOrgStaff',
  'resident',
] as const;
export type Role = (typeof ROLES)[number];

export const ORG_LEVELS = [
  'root',
  'province',
  'city',
  'district',
  'street',
  'community',
  'grid',
  'department',
] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** How a child's code extends its parent's code (server: GB/T 2260 + 12-digit village codes). */
export function codeSuffixHint(level: OrgLevel): 'org.codeSuffix2' | 'org.codeSuffix3' | 'org.codeSuffixDept' | null {
  if (level === 'province' || level === 'city' || level === 'district') return 'org.codeSuffix2';
  if (level === 'street' || level === 'community' || level === 'grid') return 'org.codeSuffix3';
  if (level === 'department') return 'org.codeSuffixDept';
  return null;
}

export function roleLabel(t: TFn, role: string): string {
  return (ROLES as readonly string[]).includes(role) ? t(`role.${role as Role}`) : role;
}

export function levelLabel(t: TFn, level: string): string {
  return (ORG_LEVELS as readonly string[]).includes(level) ? t(`level.${level as OrgLevel}`) : level;
}

export const PERMISSIONS = {
  orgRead: 'org.read',
  orgWrite: 'org.write',
  userRead: 'user.read',
  userWrite: 'user.write',
  userSecurity: 'user.security',
  auditRead: 'audit.read',
  placeRead: 'place.read',
  placeWrite: 'place.write',
  residentRead: 'resident.read',
  residentWrite: 'resident.write',
  residentImport: 'resident.import',
  residentReveal: 'resident.reveal',
  gridworkRead: 'gridwork.read',
  gridworkWrite: 'gridwork.write',
  residentSelf: 'resident.self',
  requestRead: 'request.read',
  requestSubmit: 'request.submit',
  requestDispatch: 'request.dispatch',
  requestHandle: 'request.handle',
  requestSupervise: 'request.supervise',
  requestConfigure: 'request.configure',
  requestCatalogue: 'request.catalogue',
  requestReveal: 'request.reveal',
  volunteerSelf: 'volunteer.self',
  volunteerRead: 'volunteer.read',
  volunteerManage: 'volunteer.manage',
  pointsRead: 'points.read',
  pointsAward: 'points.award',
  pointsIssue: 'points.issue',
  pointsVerify: 'points.verify',
  storeRead: 'store.read',
  storeManage: 'store.manage',
  partnerRead: 'partner.read',
  partnerManage: 'partner.manage',
  partnerAssess: 'partner.assess',
  deliberationRaise: 'deliberation.raise',
  deliberationSelf: 'deliberation.self',
  deliberationRead: 'deliberation.read',
  deliberationManage: 'deliberation.manage',
  voteCast: 'vote.cast',
  voteRead: 'vote.read',
  voteManage: 'vote.manage',
  microprojectRead: 'microproject.read',
  microprojectManage: 'microproject.manage',
  socialorgRead: 'socialorg.read',
  socialorgManage: 'socialorg.manage',
  workforceRead: 'workforce.read',
  workforceManage: 'workforce.manage',
  workforceConfigure: 'workforce.configure',
  projectRead: 'project.read',
  projectApply: 'project.apply',
  projectReview: 'project.review',
  projectImplement: 'project.implement',
  projectFeedback: 'project.feedback',
  evaluationRead: 'evaluation.read',
  evaluationManage: 'evaluation.manage',
  evaluationScore: 'evaluation.score',
  evaluationRespond: 'evaluation.respond',
} as const;
