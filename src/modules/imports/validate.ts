import type { Msg } from '../../core/errors.js';
import type { IdType, OrgLevel, PoliticalStatus, Relation, RegistrationType, Tenure } from '../../db/schema.js';
import {
  AGE_TAGS, ETHNICITY_MAX, GENDER_LABELS, ID_TYPE_LABELS, MANUAL_TAGS, POLITICAL_LABELS, REGISTRATION_LABELS, RELATION_LABELS,
  TAG_LABELS, TENURE_LABELS, checkIdentity, fromLabel, identityKey, isIsoDate, normalizePhone, type ManualTag,
} from '../residents/rules.js';
import { normalizePlaceName, placeText } from '../places/rules.js';
import { COLUMN_BY_KEY, COLUMNS, type FieldKey } from './columns.js';
import { cellText, looksLikeExcelNumber, parseArea, parseDate, splitList, type Cell } from './values.js';

/** An org rows may be filed under: a grid or a community, with the community it belongs to. */
export interface OrgRef { id: number; path: string; level: OrgLevel; code: string; communityId: number | null; communityPath: string | null }

export interface RowRules {
  /** The org chosen for the import (a street, community or grid). */
  importOrg: OrgRef;
  /** Grids and communities at or under the import org, by code. */
  orgsByCode: Map<string, OrgRef>;
  today: Date;
}

export interface PlaceCells { estate: string | null; building: string | null; unit: string | null; street: string | null; room: string | null; text: string }

export interface ValidRow {
  rowNo: number;
  name: string;
  idType: IdType;
  idNumber: string;
  /** identityKey(idType, idNumber): what id_hash hashes and what duplicates are found by. */
  identity: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  ethnicity: string | null;
  phone: string | null;
  politicalStatus: PoliticalStatus | null;
  registrationType: RegistrationType | null;
  arrivalDate: string | null;
  relation: Relation | null;
  tags: ManualTag[] | null;
  /** The grid or community the row is filed under, and whether the sheet named it. */
  org: OrgRef & { communityId: number; communityPath: string };
  orgExplicit: boolean;
  place: PlaceCells | null;
  area: number | null;
  tenure: Tenure | null;
}

export type RowResult = { ok: ValidRow } | { reasons: Msg[] };

type Labels<K extends string> = Record<K, { zh: string; en: string; aliases?: string[] }>;
const lookups = new Map<object, Map<string, string>>();

/** fromLabel (residents/rules.ts) with the table indexed once: the importer asks it millions of times. */
function label<K extends string>(labels: Labels<K>, raw: string): K | null {
  let m = lookups.get(labels);
  if (!m) {
    m = new Map();
    for (const [k, l] of Object.entries(labels) as [K, Labels<K>[K]][])
      for (const w of [k, l.zh, l.en.toLowerCase(), ...(l.aliases ?? [])]) if (!m.has(w)) m.set(w, k);
    lookups.set(labels, m);
  }
  const v = raw.trim();
  return (m.get(v) ?? m.get(v.toLowerCase()) ?? (v ? fromLabel(labels, v) : null)) as K | null;
}

const bad = (key: FieldKey, m: Msg): Msg => ({ zh: `${COLUMN_BY_KEY[key].header}：${m.zh}`, en: `${COLUMN_BY_KEY[key].en}: ${m.en}` });
const unknownWord = (key: FieldKey, allowed: string): Msg => bad(key, { zh: `无法识别，可填写：${allowed}`, en: `is not recognised; allowed: ${allowed}` });
const zhList = (labels: Record<string, { zh: string }>) => Object.values(labels).map((l) => l.zh).join('、');
/** Longer than n characters (code points; a string of n UTF-16 units or fewer never is). */
const tooLong = (s: string, n: number) => s.length > n && [...s].length > n;

const EXCEL_NUMBER: Msg = bad('idNumber', {
  zh: '被 Excel 存成了数字，后几位已丢失。请把该列设置为“文本”格式后重新填写号码（或在号码前加英文单引号）',
  en: 'Excel stored the ID number as a number and lost its last digits. Format the column as text and type the number again',
});

// The fields in template order; a row's cells and their text are read into arrays in this order.
const KEYS = COLUMNS.map((c) => c.key);
const AT = Object.fromEntries(KEYS.map((k, i) => [k, i])) as Record<FieldKey, number>;

/** Where each field is in a sheet's rows (-1: no such column), for validateCells. */
export function fieldColumns(index: Partial<Record<FieldKey, number>>): number[] {
  return KEYS.map((k) => index[k] ?? -1);
}

/**
 * Checks one data row with the shared resident and place rules. `get` reads the cell of
 * a field (null when the sheet has no such column). Every problem of the row is listed,
 * in Chinese and English.
 */
export function validateRow(rowNo: number, get: (k: FieldKey) => Cell, rules: RowRules): RowResult {
  return check(rowNo, KEYS.map((k) => get(k)), rules);
}

/** validateRow for a row of a sheet, its fields at `cols` (fieldColumns). */
export function validateCells(rowNo: number, cells: Cell[], cols: number[], rules: RowRules): RowResult {
  const raw: Cell[] = new Array(cols.length);
  for (let i = 0; i < cols.length; i++) raw[i] = cols[i] < 0 ? null : cells[cols[i]] ?? null;
  return check(rowNo, raw, rules);
}

function check(rowNo: number, raw: Cell[], rules: RowRules): RowResult {
  const reasons: Msg[] = [];
  const tx: string[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) tx[i] = cellText(raw[i]);

  const name = /\s/.test(tx[AT.name]) ? tx[AT.name].replace(/\s+/g, ' ') : tx[AT.name];
  if (!name) reasons.push(bad('name', { zh: '不能为空', en: 'is required' }));
  else if (tooLong(name, 50)) reasons.push(bad('name', { zh: '不能超过 50 个字', en: 'is longer than 50 characters' }));
  else if (/[\u0000-\u001f]/.test(name)) reasons.push(bad('name', { zh: '含有不可见的控制字符', en: 'contains control characters' }));

  let idType: IdType = 'idCard';
  if (tx[AT.idType]) {
    const t = label(ID_TYPE_LABELS, tx[AT.idType]);
    if (!t) reasons.push(unknownWord('idType', zhList(ID_TYPE_LABELS)));
    else idType = t;
  }

  const gText = tx[AT.gender];
  let gender: 'male' | 'female' | null = null;
  if (gText) {
    gender = label(GENDER_LABELS, gText.replace(/性$/, ''));
    if (!gender) reasons.push(unknownWord('gender', '男、女'));
  }

  let birthDate: string | null = null;
  if (tx[AT.birthDate]) {
    birthDate = parseDate(raw[AT.birthDate]);
    if (!birthDate) reasons.push(bad('birthDate', { zh: '无法识别的日期（示例：1990-01-31）', en: 'is not a date (e.g. 1990-01-31)' }));
    else if (!isIsoDate(birthDate, rules.today)) { reasons.push(bad('birthDate', { zh: '晚于今天', en: 'is in the future' })); birthDate = null; }
  }

  const idCell = raw[AT.idNumber];
  let idNumber = '';
  if (!tx[AT.idNumber]) reasons.push(bad('idNumber', { zh: '不能为空', en: 'is required' }));
  else if (looksLikeExcelNumber(idCell) || (idType === 'idCard' && typeof idCell === 'number')) reasons.push(EXCEL_NUMBER);
  else {
    const r = checkIdentity({ idType, idNumber: tx[AT.idNumber], gender, birthDate }, rules.today);
    if (r.identity) {
      idNumber = r.identity.idNumber;
      gender = r.identity.gender;
      birthDate = r.identity.birthDate;
    }
    for (const [k, m] of Object.entries(r.problems)) if (m) reasons.push(bad(k as FieldKey, m));
  }
  if (idNumber && !gender) reasons.push(bad('gender', { zh: '非居民身份证须填写性别', en: 'is required for documents other than the ID card' }));

  const ethnicity = tx[AT.ethnicity] || null;
  if (ethnicity && tooLong(ethnicity, ETHNICITY_MAX)) reasons.push(bad('ethnicity', { zh: `不能超过 ${ETHNICITY_MAX} 个字`, en: `is longer than ${ETHNICITY_MAX} characters` }));

  let phone: string | null = null;
  if (tx[AT.phone]) {
    phone = normalizePhone(tx[AT.phone]);
    if (!phone) reasons.push(bad('phone', { zh: '应为 11 位手机号码', en: 'must be an 11-digit mobile number' }));
  }

  const politicalStatus = word<PoliticalStatus>(tx, reasons, 'politicalStatus', POLITICAL_LABELS);
  const registrationType = word<RegistrationType>(tx, reasons, 'registrationType', REGISTRATION_LABELS);
  const relation = word<Relation>(tx, reasons, 'relation', RELATION_LABELS);
  const tenure = word<Tenure>(tx, reasons, 'tenure', TENURE_LABELS);

  let arrivalDate: string | null = null;
  if (tx[AT.arrivalDate]) {
    arrivalDate = parseDate(raw[AT.arrivalDate]);
    if (!arrivalDate) reasons.push(bad('arrivalDate', { zh: '无法识别的日期（示例：2020-05-01）', en: 'is not a date (e.g. 2020-05-01)' }));
    else if (!isIsoDate(arrivalDate, rules.today)) reasons.push(bad('arrivalDate', { zh: '晚于今天', en: 'is in the future' }));
    if (registrationType !== 'migrant')
      reasons.push(bad('arrivalDate', { zh: '仅流动人口填写（请在户籍类型填“流动人口”）', en: 'is only for migrants (set the registration type to migrant)' }));
  }

  let tags: ManualTag[] | null = null;
  if (tx[AT.tags]) {
    const set = new Set<ManualTag>();
    for (const w of splitList(raw[AT.tags])) {
      const t = label(TAG_LABELS, w);
      if (!t) reasons.push(bad('tags', { zh: `“${w.slice(0, 20)}”不是可用的标签`, en: `"${w.slice(0, 20)}" is not a known tag` }));
      else if (!(AGE_TAGS as readonly string[]).includes(t)) set.add(t as ManualTag); // age tags follow from the birth date
    }
    tags = MANUAL_TAGS.filter((t) => set.has(t));
  }

  const org = resolveOrg(tx[AT.gridCode], rules, reasons);
  const place = placeOf(tx, reasons);
  const area = tx[AT.area] ? parseArea(raw[AT.area]) : null;
  if (tx[AT.area] && area === null) reasons.push(bad('area', { zh: '应为大于 0 的数字（平方米）', en: 'must be a positive number of square metres' }));
  if (!place) {
    if (relation) reasons.push(bad('relation', { zh: '须同时填写住址（小区或街路巷）', en: 'needs an address (estate or street)' }));
    if (area !== null || tenure) reasons.push(bad(area !== null ? 'area' : 'tenure', { zh: '须同时填写住址（小区或街路巷）', en: 'needs an address (estate or street)' }));
  }

  if (reasons.length || !org) return { reasons };
  return {
    ok: {
      rowNo, name, idType, idNumber, identity: identityKey(idType, idNumber), gender, birthDate, ethnicity, phone,
      politicalStatus, registrationType, arrivalDate, relation, tags, org: org.ref, orgExplicit: org.explicit, place, area, tenure,
    },
  };
}

function word<K extends string>(tx: string[], reasons: Msg[], k: FieldKey, labels: Labels<K>): K | null {
  if (!tx[AT[k]]) return null;
  const v = label(labels, tx[AT[k]]);
  if (!v) reasons.push(unknownWord(k, zhList(labels)));
  return v;
}

function resolveOrg(code: string, rules: RowRules, reasons: Msg[]) {
  const ref = code ? rules.orgsByCode.get(code) : rules.importOrg;
  if (!ref) {
    reasons.push(bad('gridCode', { zh: '不是本次导入组织之下的网格或社区编码', en: 'is not the code of a grid or community under the org imported into' }));
    return null;
  }
  if (!ref.communityId || !ref.communityPath || (ref.level !== 'grid' && ref.level !== 'community')) {
    reasons.push(bad('gridCode', { zh: '导入到街道时，每行须填写网格（或社区）编码', en: 'is required on every row when importing into a street' }));
    return null;
  }
  return { ref: ref as ValidRow['org'], explicit: Boolean(code) };
}

const PLACE_MAX: Record<'estate' | 'building' | 'unit' | 'street' | 'room', number> = { estate: 100, building: 50, unit: 50, street: 100, room: 50 };

function placeName(tx: string[], reasons: Msg[], k: keyof typeof PLACE_MAX): string | null {
  const s = normalizePlaceName(tx[AT[k]]);
  if (tooLong(s, PLACE_MAX[k])) reasons.push(bad(k, { zh: `不能超过 ${PLACE_MAX[k]} 个字`, en: `is longer than ${PLACE_MAX[k]} characters` }));
  return s || null;
}

function placeOf(tx: string[], reasons: Msg[]): PlaceCells | null {
  const p = {
    estate: placeName(tx, reasons, 'estate'), building: placeName(tx, reasons, 'building'), unit: placeName(tx, reasons, 'unit'),
    street: placeName(tx, reasons, 'street'), room: placeName(tx, reasons, 'room'),
  };
  if (!p.estate && !p.street) {
    if (p.building || p.unit || p.room) reasons.push(bad(p.room ? 'room' : p.building ? 'building' : 'unit', { zh: '须同时填写小区或街路巷', en: 'needs an estate or a street' }));
    return null;
  }
  if (p.estate && p.street) reasons.push(bad('street', { zh: '小区内的户不填街路巷（与小区二选一）', en: 'is only for households outside an estate' }));
  if (p.street && (p.building || p.unit)) reasons.push(bad('building', { zh: '楼栋、单元只用于小区内的户', en: 'is only for households in an estate' }));
  if (p.unit && !p.building) reasons.push(bad('unit', { zh: '须同时填写楼栋', en: 'needs a building' }));
  const text = placeText({ estateName: p.estate, buildingName: p.building, unitName: p.unit, street: p.street });
  if (tooLong(text, 200)) reasons.push(bad('estate', { zh: '住址过长', en: 'makes the address too long' }));
  return { ...p, text };
}
