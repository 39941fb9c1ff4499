import type { Actor } from '../../core/context.js';
import type { OrgLevel, ResidentStatus } from '../../db/schema.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';

/**
 * Residents policy: pure functions of (actor, resident). Reading and writing need the
 * permission and the record inside the actor's subtree; an anonymized record is final, so
 * nothing but reading is left to do with it.
 */
export interface ResidentTarget { orgPath: string; status: ResidentStatus; hasAccount: boolean }
export interface CorrectionTarget { orgPath: string; status: 'open' | 'accepted' | 'rejected' }

/** Residents belong to a grid, or to their community until a grid is known. */
export const RESIDENT_ORG_LEVELS: readonly OrgLevel[] = ['grid', 'community'];

export const canReadResidents = (a: Actor) => hasPermission(a.role, 'resident.read');
export const canWriteResidents = (a: Actor) => hasPermission(a.role, 'resident.write');
export const canRevealResidents = (a: Actor) => hasPermission(a.role, 'resident.reveal');
export const canUseSelfService = (a: Actor) => hasPermission(a.role, 'resident.self');

export function canReadResident(a: Actor, r: Pick<ResidentTarget, 'orgPath'>): boolean {
  return canReadResidents(a) && pathInScope(a, r.orgPath);
}

export function canWriteResident(a: Actor, r: ResidentTarget): boolean {
  return canWriteResidents(a) && pathInScope(a, r.orgPath) && r.status !== 'anonymized';
}

export function canRevealResident(a: Actor, r: Pick<ResidentTarget, 'orgPath'>): boolean {
  return canRevealResidents(a) && pathInScope(a, r.orgPath);
}

/** May the actor file a resident under this org (new record, or a move without a household)? */
export function canPlaceResidentAt(a: Actor, org: { level: OrgLevel; path: string }): boolean {
  return canWriteResidents(a) && pathInScope(a, org.path) && RESIDENT_ORG_LEVELS.includes(org.level);
}

export const canDeactivate = (a: Actor, r: ResidentTarget) => canWriteResident(a, r) && r.status === 'active';
export const canReactivate = (a: Actor, r: ResidentTarget) => canWriteResident(a, r) && r.status === 'inactive';
export const canAnonymize = (a: Actor, r: ResidentTarget) => canWriteResident(a, r);
export const canOpenAccount = (a: Actor, r: ResidentTarget) => canWriteResident(a, r) && r.status === 'active' && !r.hasAccount;

/** Exports with full values need the reveal permission (and a reason, checked by the service). */
export const canExportRevealed = (a: Actor) => canReadResidents(a) && canRevealResidents(a);

export function residentActions(a: Actor, r: ResidentTarget): string[] {
  const out: string[] = [];
  if (canWriteResident(a, r)) out.push('update', 'move');
  if (canDeactivate(a, r)) out.push('deactivate');
  if (canReactivate(a, r)) out.push('reactivate');
  if (canAnonymize(a, r)) out.push('anonymize');
  if (canRevealResident(a, r) && r.status !== 'anonymized') out.push('reveal');
  if (canOpenAccount(a, r)) out.push('open_account');
  return out;
}

export const canReadCorrections = canReadResidents;

export function canHandleCorrection(a: Actor, c: CorrectionTarget): boolean {
  return canWriteResidents(a) && pathInScope(a, c.orgPath) && c.status === 'open';
}

export function correctionActions(a: Actor, c: CorrectionTarget): string[] {
  return canHandleCorrection(a, c) ? ['accept', 'reject'] : [];
}
