import type { FieldCipher } from '../../core/crypto.js';
import { maskIdNumber, maskPhone } from '../../core/crypto.js';
import type { Database } from '../../db/database.js';
import { exactAddress, householdKey, maskAddress } from '../places/rules.js';
import type { StagedBatch } from './bulk.js';
import { allocateIds, existingHouseholds, existingResidents, resolveChildren, resolveEstates, type HouseholdRef } from './bulk-prepare.js';
import { CopyText } from './copy-text.js';
import { yieldToLoop } from './table.js';
import type { ValidRow } from './validate.js';

/**
 * A batch of valid rows made ready to write (runner.ts): places resolved, values hashed,
 * the people and addresses already recorded looked up, and only what will be inserted or
 * changed encrypted. Rows split three ways, each sent as COPY text:
 * - households new to the database, with ids drawn ahead and their head set, and recorded
 *   households whose area or tenure the sheet states;
 * - people not recorded yet ("fresh"), with ids drawn ahead: inserted as they are;
 * - people already recorded ("known"): compared with the record and updated where different.
 * A recorded household outside the import's org refuses its rows here.
 */
export class Preparer {
  private readonly places: PlaceCache;
  /**
   * Households made by the batches staged last, which may still be being written (so not
   * yet visible to the lookups of this one): their later members must join them, not make
   * them again. One map per batch that can be in flight.
   */
  private recent: Map<string, HouseholdRef>[] = [];

  constructor(private readonly db: Database, private readonly cipher: FieldCipher, private readonly scopePath: string, private readonly inFlight: number) {
    this.places = new PlaceCache(db);
  }

  /** Stages a batch again after writes met a concurrent change: every batch before it has then been written. */
  restage(rows: ValidRow[]): Promise<StagedBatch> {
    this.recent = [];
    return this.stage(rows);
  }

  async stage(rows: ValidRow[]): Promise<StagedBatch> {
    const staged: StagedBatch = { households: null, fresh: null, known: null, freshCount: 0, staged: rows.length, refused: [], afterPrevious: false };
    if (!rows.length) return staged;
    const { cipher } = this;
    const placeIds = await this.places.resolve(rows);
    const idHashes: string[] = new Array(rows.length);
    const addrHashes: (string | null)[] = new Array(rows.length);
    const byKey = new Map<string, string>(); // household key → its hash: members of one household hash it once
    for (let i = 0; i < rows.length; i++) {
      if ((i & 1023) === 1023) await yieldToLoop();
      const r = rows[i];
      idHashes[i] = cipher.lookupHash(r.identity);
      if (!r.place) addrHashes[i] = null;
      else {
        const p = placeIds[i];
        const key = householdKey({ orgId: r.org.communityId, estateId: p.estate, buildingId: p.building, unitId: p.unit, street: r.place.street, room: r.place.room });
        let h = byKey.get(key);
        if (h === undefined) byKey.set(key, (h = cipher.lookupHash(key)));
        addrHashes[i] = h;
      }
    }
    const recent = (addr: string) => { for (const m of this.recent) { const h = m.get(addr); if (h) return h; } return undefined; };
    const [known, knownHouseholds] = await Promise.all([
      existingResidents(this.db, idHashes),
      existingHouseholds(this.db, [...byKey.values()].filter((h) => !recent(h))),
    ]);

    // One household per address in the batch; a later member may state a blank area or tenure.
    const households = new Map<string, Household>();
    const fresh: { r: ValidRow; i: number; h: Household | undefined }[] = [];
    const knownText = new CopyText();
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const addr = addrHashes[i];
      let h = addr ? households.get(addr) : undefined;
      if (addr && !h) {
        let ref = recent(addr);
        if (ref) staged.afterPrevious = true; // this batch updates or merges into it: it must be visible first
        else ref = knownHouseholds.get(addr);
        h = ref ? { ...ref, isNew: false, row: r, places: placeIds[i], area: r.area, tenure: r.tenure, head: null }
          : { id: 0, orgId: r.org.id, orgPath: r.org.path, isNew: true, row: r, places: placeIds[i], area: r.area, tenure: r.tenure, head: null };
        households.set(addr, h);
      } else if (h) {
        h.area ??= r.area;
        h.tenure ??= r.tenure;
      }
      if (h && !h.orgPath.startsWith(this.scopePath)) staged.refused.push({ rowNo: r.rowNo, why: 'household' });
      else if (!known.has(idHashes[i])) fresh.push({ r, i, h });
      else {
        const phoneHash = r.phone ? cipher.lookupHash(r.phone) : null;
        const phoneNew = r.phone !== null && known.get(idHashes[i]) !== phoneHash;
        knownText.put(r.rowNo).put(idHashes[i]).put(r.idType).put(null).put(null).put(r.name).put(r.gender).put(r.birthDate).put(phoneHash)
          .put(phoneNew ? cipher.encrypt(r.phone!) : null).put(phoneNew ? maskPhone(r.phone!) : null);
        common(knownText, r).put(r.relation).put(addr).put(r.org.id).put(r.org.path).put(r.orgExplicit).end();
      }
    }
    staged.known = knownText.done();

    const made = [...households.entries()].filter(([, h]) => h.isNew);
    const ids = await allocateIds(this.db, made.length, fresh.length);
    made.forEach(([, h], k) => { h.id = ids.households[k]; });
    this.recent.unshift(new Map(made.map(([addr, h]) => [addr, { id: h.id, orgId: h.orgId, orgPath: h.orgPath }])));
    this.recent.length = Math.min(this.recent.length, this.inFlight);

    const freshText = new CopyText(fresh.length);
    for (let k = 0; k < fresh.length; k++) {
      if ((k & 1023) === 1023) await yieldToLoop();
      const { r, i, h } = fresh[k];
      const id = ids.residents[k];
      // The first head of a new household is set as it is inserted; of a recorded one, by an update.
      let setHead = false;
      if (h && r.relation === 'head' && h.head === null) {
        h.head = id;
        setHead = !h.isNew;
      }
      freshText.put(id).put(h ? h.orgId : r.org.id).put(h ? h.orgPath : r.org.path).put(h ? h.id : null).put(h ? r.relation : null)
        .put(r.name).put(r.gender).put(r.birthDate).put(r.idType).put(cipher.encrypt(r.idNumber)).put(idHashes[i]).put(maskIdNumber(r.idNumber))
        .put(r.phone ? cipher.encrypt(r.phone) : null).put(r.phone ? cipher.lookupHash(r.phone) : null).put(r.phone ? maskPhone(r.phone) : null);
      common(freshText, r).put(setHead).end();
    }
    staged.fresh = freshText.done();
    staged.freshCount = fresh.length;

    const text = new CopyText(made.length);
    for (const [addr, h] of households) {
      if (h.isNew) {
        const p = h.row.place!;
        text.put(h.id).put(true).put(h.orgId).put(h.orgPath).put(h.places.estate).put(h.places.building).put(h.places.unit).put(p.text)
          .put(p.room ? cipher.encrypt(p.room) : null).put(cipher.encrypt(exactAddress(p.text, p.room))).put(maskAddress(p.text, p.room))
          .put(addr).put(h.area).put(h.tenure).put(h.head).end();
      } else if ((h.area !== null || h.tenure !== null) && h.orgPath.startsWith(this.scopePath)) {
        text.put(h.id).put(false);
        for (let n = 0; n < 9; n++) text.put(null);
        text.put(addr).put(h.area).put(h.tenure).put(null).end();
      }
    }
    staged.households = text.done();
    return staged;
  }
}

interface Household extends HouseholdRef {
  isNew: boolean;
  /** The batch's first row at this address: where a new household's place comes from. */
  row: ValidRow;
  places: PlaceIds;
  area: number | null;
  tenure: string | null;
  head: number | null;
}

/** Columns staged alike for fresh and known people. */
const common = (w: CopyText, r: ValidRow) => w.put(r.ethnicity).put(r.politicalStatus).put(r.registrationType).put(r.arrivalDate)
  .put(r.tags ? `{${r.tags.join(',')}}` : null);

/** A row's estate, building and unit ids (null where it names none). */
interface PlaceIds { estate: number | null; building: number | null; unit: number | null }

const samePlaces = (a: ValidRow, b: ValidRow) => a.org.communityId === b.org.communityId && a.place?.estate === b.place?.estate
  && a.place?.building === b.place?.building && a.place?.unit === b.place?.unit;

/** Estate/building/unit ids by name, looked up (or made) once per run. */
class PlaceCache {
  private readonly ids = new Map<string, number>();
  constructor(private readonly db: Database) {}

  private key = (parent: number, name: string) => `${parent}\u0000${name}`;

  /** The place ids of each row, places made where missing. */
  async resolve(rows: ValidRow[]): Promise<PlaceIds[]> {
    // Members of a household come one after another: a row naming the places of the row before shares its ids.
    const firsts: ValidRow[] = [];
    const group: number[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      if (!i || !samePlaces(rows[i - 1], rows[i])) firsts.push(rows[i]);
      group[i] = firsts.length - 1;
    }
    const estates = await this.estates(firsts);
    const buildings = await this.children(firsts, 'building', estates, (r) => r.place?.building ?? null);
    const units = await this.children(firsts, 'unit', buildings, (r) => r.place?.unit ?? null);
    const ids = firsts.map((_, g) => ({ estate: estates[g], building: buildings[g], unit: units[g] }));
    return group.map((g) => ids[g]);
  }

  private async estates(rows: ValidRow[]): Promise<(number | null)[]> {
    const want = new Map<string, ValidRow>();
    for (const r of rows) {
      const k = r.place?.estate ? this.key(r.org.communityId, r.place.estate) : null;
      if (k && !this.ids.has(k) && !want.has(k)) want.set(k, r);
    }
    if (want.size) {
      const list = [...want.values()];
      const ids = await resolveEstates(this.db, list.map((r) => ({
        communityId: r.org.communityId, communityPath: r.org.communityPath, orgId: r.org.id, orgPath: r.org.path, name: r.place!.estate!,
      })));
      list.forEach((r, i) => this.set(this.key(r.org.communityId, r.place!.estate!), ids[i]));
    }
    return rows.map((r) => (r.place?.estate ? this.ids.get(this.key(r.org.communityId, r.place.estate))! : null));
  }

  private async children(rows: ValidRow[], level: 'building' | 'unit', parents: (number | null)[], nameOf: (r: ValidRow) => string | null) {
    const want = new Map<string, [number, string]>();
    rows.forEach((r, i) => {
      const p = parents[i], name = nameOf(r);
      if (p && name && !this.ids.has(this.key(p, name))) want.set(this.key(p, name), [p, name]);
    });
    if (want.size) {
      const list = [...want.values()];
      const ids = await resolveChildren(this.db, level, list.map((x) => x[0]), list.map((x) => x[1]));
      list.forEach(([p, name], i) => this.set(this.key(p, name), ids[i]));
    }
    return rows.map((r, i) => {
      const p = parents[i], name = nameOf(r);
      return p && name ? this.ids.get(this.key(p, name))! : null;
    });
  }

  private set(k: string, id: number | null) {
    if (!id) throw new Error('could not resolve a place (concurrent change); run the import again');
    this.ids.set(k, id);
  }
}
