import type { Actor } from '../../core/context.js';
import type { OrgLevel } from '../../db/schema.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';

/**
 * Places policy: pure functions of the actor and the record (its org path). Unlike orgs,
 * places may be written at the actor's own org too: a grid worker records the estates and
 * households of their own grid.
 */
export interface Placed { org_path: string }

export const canReadPlaces = (a: Actor) => hasPermission(a.role, 'place.read');
export const canWritePlaces = (a: Actor) => hasPermission(a.role, 'place.write');

/** Households are read by everyone who attaches records to them (residents, visits). */
export const canReadHouseholds = (a: Actor) =>
  hasPermission(a.role, 'place.read') || hasPermission(a.role, 'resident.read') || hasPermission(a.role, 'gridwork.read');

export const canReadPlace = (a: Actor, p: Placed) => canReadPlaces(a) && pathInScope(a, p.org_path);
export const canReadHousehold = (a: Actor, h: Placed) => canReadHouseholds(a) && pathInScope(a, h.org_path);
export const canWritePlace = (a: Actor, p: Placed) => canWritePlaces(a) && pathInScope(a, p.org_path);

/** The exact address is personal information: a separate permission, always with scope. */
export const canRevealAddresses = (a: Actor) => hasPermission(a.role, 'resident.reveal');
export const canRevealAddress = (a: Actor, h: Placed) => canRevealAddresses(a) && canReadHousehold(a, h);

/** Places hang off a grid, or a community until its grids are drawn; never a street or above. */
export const PLACE_ORG_LEVELS: readonly OrgLevel[] = ['grid', 'community'];

/** May the actor put an estate or a household under this org? */
export function canPlaceUnder(a: Actor, org: { level: OrgLevel; path: string }): boolean {
  return canWritePlaces(a) && PLACE_ORG_LEVELS.includes(org.level) && pathInScope(a, org.path);
}

/** Estates, buildings and units: the same actions. */
export function placeActions(a: Actor, p: Placed): string[] {
  return canWritePlace(a, p) ? ['update', 'delete', 'create_child'] : [];
}

export function householdActions(a: Actor, h: Placed): string[] {
  const out: string[] = [];
  if (canWritePlace(a, h)) out.push('update');
  if (canRevealAddress(a, h)) out.push('reveal');
  return out;
}
