/**
 * Pure rules for places (小区 → 楼栋 → 单元 → 户), shared by the places service and the
 * resident importer so both name and identify a household the same way.
 */

export interface PlaceParts {
  estateName?: string | null;
  buildingName?: string | null;
  unitName?: string | null;
  /** For households outside any estate (villages, streets): a road or group name. */
  street?: string | null;
}

/** Folds full-width characters and runs of spaces so '３号楼' and '3号楼' are the same place. */
export function normalizePlaceName(s: string): string {
  if (!/[\s\uFF01-\uFF5E]/.test(s)) return s; // nothing to fold (the common case: an importer calls this millions of times)
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The searchable, non-personal part of an address: '富康小区 3号楼 2单元'. */
export function placeText(p: PlaceParts): string {
  return [p.estateName, p.buildingName, p.unitName, p.street]
    .map((x) => (x ? normalizePlaceName(x) : ''))
    .filter(Boolean)
    .join(' ');
}

/** The exact address (encrypted at rest): place plus door/room. */
export function exactAddress(place: string, room: string | null | undefined): string {
  const r = room ? normalizePlaceName(room) : '';
  return r ? `${place} ${r}` : place;
}

/** What lists show: the place with the door/room hidden. */
export function maskAddress(place: string, room: string | null | undefined): string {
  return room && room.trim() ? `${place} ***` : place;
}

/**
 * The identity of a household, hashed (keyed) into household.address_hash: the innermost
 * known container plus the door/room. Containers are ids, so renaming an estate or moving
 * a household to another grid keeps its identity; imports upsert on it.
 */
export function householdKey(k: { orgId: number; estateId?: number | null; buildingId?: number | null; unitId?: number | null; street?: string | null; room?: string | null }): string {
  const room = k.room ? normalizePlaceName(k.room).toUpperCase() : '';
  if (k.unitId) return `u:${k.unitId}:${room}`;
  if (k.buildingId) return `b:${k.buildingId}:${room}`;
  if (k.estateId) return `e:${k.estateId}:${room}`;
  return `o:${k.orgId}:${k.street ? normalizePlaceName(k.street) : ''}:${room}`;
}

/** A point is both coordinates or neither; names the missing one. */
export function pointProblem(lon: number | null, lat: number | null): { field: 'lon' | 'lat'; msg: { zh: string; en: string } } | null {
  if ((lon === null) === (lat === null)) return null;
  return lon === null
    ? { field: 'lon', msg: { zh: '经度和纬度需同时填写或同时留空', en: 'longitude and latitude go together (give both or neither)' } }
    : { field: 'lat', msg: { zh: '经度和纬度需同时填写或同时留空', en: 'longitude and latitude go together (give both or neither)' } };
}
