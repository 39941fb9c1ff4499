import type { Msg } from '../../core/errors.js';
import type { IdType, PoliticalStatus, Relation, RegistrationType } from '../../db/schema.js';

/**
 * Pure rules for resident records, shared by the forms, the API and the importer:
 * identity documents, derived fields, tags and the Chinese labels that spreadsheets use.
 */

// ── 居民身份证 (GB 11643-1999) ──
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character (0-9 or X) for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export interface IdCardFacts { birthDate: string; gender: 'male' | 'female'; divisionCode: string }

/** Normal form: trimmed, full-width digits/letters folded, lower-case x upper-cased. */
export function normalizeIdNumber(raw: string): string {
  if (/^[0-9A-Z]*$/.test(raw)) return raw; // already normal (nearly always)
  return raw
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** Parses an 18-character ID number; returns facts or the reason it is invalid. */
export function parseIdCard(id: string, today = new Date()): IdCardFacts | { problem: Msg } {
  if (!/^\d{17}[\dX]$/.test(id)) return { problem: { zh: '居民身份证号码应为 18 位（最后一位可为 X）', en: 'an ID card number has 18 characters (the last may be X)' } };
  const y = Number(id.slice(6, 10)), m = Number(id.slice(10, 12)), d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return { problem: { zh: '身份证号码中的出生日期无效', en: 'the birth date inside the ID number is not a real date' } };
  if (date.getTime() > today.getTime()) return { problem: { zh: '身份证号码中的出生日期晚于今天', en: 'the birth date inside the ID number is in the future' } };
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { problem: { zh: '身份证号码校验位错误', en: 'the ID number check digit is wrong' } };
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    divisionCode: id.slice(0, 6),
  };
}

/** Other documents: no check digit, only a plausible shape. */
const OTHER_ID_SHAPE: Record<Exclude<IdType, 'idCard'>, RegExp> = {
  passport: /^[A-Z0-9]{5,20}$/,
  hkMacauPermit: /^[A-Z0-9]{8,18}$/,
  taiwanPermit: /^[A-Z0-9]{8,18}$/,
  foreignPermanent: /^[A-Z0-9]{9,18}$/,
};

export interface IdentityInput { idType: IdType; idNumber: string; gender?: 'male' | 'female' | null; birthDate?: string | null }
export interface Identity { idNumber: string; gender: 'male' | 'female' | null; birthDate: string | null }
export type FieldProblems = Partial<Record<string, Msg>>;

/**
 * Validates an identity document and cross-checks the stated gender and birth date with
 * those an ID card encodes; fills them in when not stated.
 */
export function checkIdentity(input: IdentityInput, today = new Date()): { identity?: Identity; problems: FieldProblems } {
  const problems: FieldProblems = {};
  const idNumber = normalizeIdNumber(input.idNumber);
  if (input.idType === 'idCard') {
    const facts = parseIdCard(idNumber, today);
    if ('problem' in facts) return { problems: { idNumber: facts.problem } };
    if (input.gender && input.gender !== facts.gender)
      problems.gender = { zh: `与身份证号码不符（号码表明为${facts.gender === 'male' ? '男' : '女'}）`, en: `does not match the ID number (which says ${facts.gender})` };
    if (input.birthDate && input.birthDate !== facts.birthDate)
      problems.birthDate = { zh: `与身份证号码不符（号码表明为 ${facts.birthDate}）`, en: `does not match the ID number (which says ${facts.birthDate})` };
    return { identity: { idNumber, gender: facts.gender, birthDate: facts.birthDate }, problems };
  }
  if (!OTHER_ID_SHAPE[input.idType].test(idNumber))
    return { problems: { idNumber: { zh: `${ID_TYPE_LABELS[input.idType].zh}号码格式不正确`, en: `is not a valid ${ID_TYPE_LABELS[input.idType].en} number` } } };
  if (input.birthDate && !isIsoDate(input.birthDate, today)) problems.birthDate = { zh: '日期无效或晚于今天', en: 'is not a valid past date' };
  return { identity: { idNumber, gender: input.gender ?? null, birthDate: input.birthDate ?? null }, problems };
}

export function isIsoDate(s: string, notAfter?: Date): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3] || +m[1] < 1900) return false;
  return !notAfter || d.getTime() <= notAfter.getTime();
}

/** The identity key hashed for lookup: the document type matters (a passport number may equal another type's). */
export function identityKey(idType: IdType, idNumber: string): string {
  return `${idType}:${normalizeIdNumber(idNumber)}`;
}

/** Mainland mobile numbers; separators and +86 are tolerated on input. */
export function normalizePhone(raw: string): string | null {
  const p = raw.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return /^1[3-9]\d{9}$/.test(p) ? p : null;
}

// ── Age and tags ──

/** Whole years of age on `today` for a 'YYYY-MM-DD' birth date. */
export function ageOn(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const ty = today.getUTCFullYear(), tm = today.getUTCMonth() + 1, td = today.getUTCDate();
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

/** Tags a worker sets. Age tags (60+, 80+) are never stored: they follow from the birth date. */
export const MANUAL_TAGS = [
  'livingAlone', 'emptyNester', 'disabled', 'subsistence', 'extremePoverty', 'veteran',
  'leftBehindChild', 'leftBehindElder', 'keyCare', 'seriousIllness', 'communityCorrection',
] as const;
export type ManualTag = (typeof MANUAL_TAGS)[number];
export const AGE_TAGS = ['age60', 'age80'] as const;
export type AgeTag = (typeof AGE_TAGS)[number];
export type Tag = ManualTag | AgeTag;

export function ageTags(birthDate: string | null, today = new Date()): AgeTag[] {
  if (!birthDate) return [];
  const age = ageOn(birthDate, today);
  return age >= 80 ? ['age60', 'age80'] : age >= 60 ? ['age60'] : [];
}

/** The birth-date bound for "at least `years` old on `today`" (for SQL filters). */
export function bornOnOrBefore(years: number, today = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

// ── Labels: the Chinese words people type in spreadsheets, and the UI's words ──
type Labels<K extends string> = Record<K, { zh: string; en: string; aliases?: string[] }>;

export const ID_TYPE_LABELS: Labels<IdType> = {
  idCard: { zh: '居民身份证', en: 'ID card', aliases: ['身份证'] },
  passport: { zh: '护照', en: 'passport' },
  hkMacauPermit: { zh: '港澳居民居住证/通行证', en: 'HK/Macau permit', aliases: ['港澳通行证', '港澳居民来往内地通行证', '港澳居民居住证'] },
  taiwanPermit: { zh: '台湾居民居住证/通行证', en: 'Taiwan permit', aliases: ['台胞证', '台湾居民来往大陆通行证', '台湾居民居住证'] },
  foreignPermanent: { zh: '外国人永久居留身份证', en: 'foreign permanent residence ID', aliases: ['外国人永久居留证'] },
};
export const GENDER_LABELS: Labels<'male' | 'female'> = { male: { zh: '男', en: 'male' }, female: { zh: '女', en: 'female' } };
export const RELATION_LABELS: Labels<Relation> = {
  head: { zh: '户主', en: 'head', aliases: ['本人'] }, spouse: { zh: '配偶', en: 'spouse', aliases: ['妻', '夫', '妻子', '丈夫'] },
  child: { zh: '子女', en: 'child', aliases: ['子', '女', '儿子', '女儿', '长子', '长女', '次子', '次女'] },
  parent: { zh: '父母', en: 'parent', aliases: ['父亲', '母亲', '父', '母'] },
  grandchild: { zh: '孙子女', en: 'grandchild', aliases: ['孙子', '孙女', '外孙', '外孙女'] },
  grandparent: { zh: '祖父母', en: 'grandparent', aliases: ['祖父', '祖母', '外祖父', '外祖母'] },
  sibling: { zh: '兄弟姐妹', en: 'sibling', aliases: ['兄', '弟', '姐', '妹'] },
  childInLaw: { zh: '儿媳/女婿', en: 'child-in-law', aliases: ['儿媳', '女婿'] },
  tenant: { zh: '租户', en: 'tenant', aliases: ['租客', '承租人'] },
  other: { zh: '其他', en: 'other' },
};
export const POLITICAL_LABELS: Labels<PoliticalStatus> = {
  partyMember: { zh: '中共党员', en: 'CPC member', aliases: ['党员'] },
  probationaryMember: { zh: '中共预备党员', en: 'probationary CPC member', aliases: ['预备党员'] },
  leagueMember: { zh: '共青团员', en: 'Youth League member', aliases: ['团员'] },
  democraticParty: { zh: '民主党派', en: 'democratic party member' },
  masses: { zh: '群众', en: 'masses' },
};
export const REGISTRATION_LABELS: Labels<RegistrationType> = {
  registered: { zh: '户籍人口', en: 'registered', aliases: ['户籍', '常住户籍'] },
  migrant: { zh: '流动人口', en: 'migrant', aliases: ['流动', '新居民', '外来人口'] },
  newCitizen: { zh: '新市民', en: 'new citizen', aliases: ['农转城', '搬迁新市民'] },
};
export const TAG_LABELS: Labels<Tag> = {
  age60: { zh: '60岁以上', en: '60+' }, age80: { zh: '80岁以上', en: '80+' },
  livingAlone: { zh: '独居', en: 'living alone', aliases: ['独居老人'] },
  emptyNester: { zh: '空巢', en: 'empty nester', aliases: ['空巢老人'] },
  disabled: { zh: '残疾', en: 'disabled', aliases: ['残疾人'] },
  subsistence: { zh: '低保', en: 'subsistence allowance', aliases: ['低保户'] },
  extremePoverty: { zh: '特困', en: 'extreme poverty', aliases: ['特困供养', '特困人员'] },
  veteran: { zh: '退役军人', en: 'veteran', aliases: ['退伍军人'] },
  leftBehindChild: { zh: '留守儿童', en: 'left-behind child' },
  leftBehindElder: { zh: '留守老人', en: 'left-behind elder' },
  keyCare: { zh: '重点关爱', en: 'key care', aliases: ['重点关注', '重点人员'] },
  seriousIllness: { zh: '大病', en: 'serious illness', aliases: ['重病'] },
  communityCorrection: { zh: '社区矫正', en: 'community correction' },
};
export const TENURE_LABELS: Labels<'owned' | 'rented' | 'public' | 'other'> = {
  owned: { zh: '自有', en: 'owned', aliases: ['自住', '产权房'] }, rented: { zh: '租住', en: 'rented', aliases: ['出租', '租赁'] },
  public: { zh: '公租房', en: 'public housing', aliases: ['廉租房'] }, other: { zh: '其他', en: 'other' },
};

/** Looks a typed word up in a label table (zh, en, key or alias). */
export function fromLabel<K extends string>(labels: Labels<K>, raw: string): K | null {
  const v = raw.trim();
  if (!v) return null;
  for (const [k, l] of Object.entries(labels) as [K, Labels<K>[K]][]) {
    if (k === v || l.zh === v || l.en.toLowerCase() === v.toLowerCase() || l.aliases?.includes(v)) return k;
  }
  return null;
}

/** The 56 ethnic groups' usual short names are free text; only length is checked. */
export const ETHNICITY_MAX = 20;

// ── Tags as shown and filtered ──

/** Stored (manual) tags plus the age tags the birth date implies. */
export function residentTags(stored: readonly string[], birthDate: string | null, today = new Date()): Tag[] {
  return [...(stored as ManualTag[]), ...ageTags(birthDate, today)];
}

/** Tags a worker may set: known, manual, no repeats. Age tags are refused with the reason. */
export function manualTagsProblem(tags: readonly string[]): Msg | null {
  for (const t of tags) {
    if ((AGE_TAGS as readonly string[]).includes(t))
      return { zh: `“${TAG_LABELS[t as AgeTag].zh}”由出生日期自动得出，不能手工设置`, en: `${t} follows from the birth date and cannot be set by hand` };
    if (!(MANUAL_TAGS as readonly string[]).includes(t)) return { zh: `未知标签：${t}`, en: `unknown tag: ${t}` };
  }
  if (new Set(tags).size !== tags.length) return { zh: '标签重复', en: 'has a repeated tag' };
  return null;
}

/** A `tags` filter (comma list, manual or age tags): split into the stored part and age bounds. */
export function parseTagFilter(raw: string): { manual: ManualTag[]; age: AgeTag[] } | { problem: Msg } {
  const parts = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const manual: ManualTag[] = [];
  const age: AgeTag[] = [];
  for (const p of parts) {
    if ((AGE_TAGS as readonly string[]).includes(p)) age.push(p as AgeTag);
    else if ((MANUAL_TAGS as readonly string[]).includes(p)) manual.push(p as ManualTag);
    else return { problem: { zh: `未知标签：${p.slice(0, 30)}`, en: `unknown tag: ${p.slice(0, 30)}` } };
  }
  return { manual: [...new Set(manual)], age: [...new Set(age)] };
}

// ── Search input ──

/**
 * What a search box text means: an 11-digit mobile number, an identity-document number
 * (exact match through the keyed hashes), or part of a name. Document numbers have
 * digits; names (Chinese or pinyin) do not, so the two never collide.
 */
export type SearchTerm =
  | { kind: 'identity'; idNumber: string; phone: string | null }
  | { kind: 'name'; text: string };

export function classifySearch(raw: string): SearchTerm | null {
  const q = raw.trim();
  if (!q) return null;
  const phone = normalizePhone(q);
  const id = normalizeIdNumber(q);
  if (phone || (/^[A-Z0-9]{5,20}$/.test(id) && /\d/.test(id))) return { kind: 'identity', idNumber: id, phone };
  return { kind: 'name', text: q };
}

/** Every identity key a typed document number may stand for (the type is not typed in). */
export function identityKeysFor(idNumber: string): string[] {
  return (Object.keys(ID_TYPE_LABELS) as IdType[]).map((t) => identityKey(t, idNumber));
}

/** Year kept by anonymization (statistics by age group); the exact day is dropped. */
export function anonymizedBirthDate(birthDate: string | null): string | null {
  return birthDate ? `${birthDate.slice(0, 4)}-01-01` : null;
}

/** Fields a resident may ask to have corrected (PIPL right of correction). */
export const CORRECTION_FIELDS = [
  'name', 'gender', 'birthDate', 'idNumber', 'phone', 'ethnicity', 'politicalStatus', 'registrationType', 'household', 'tags', 'other',
] as const;
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];
export const CORRECTION_FIELD_LABELS: Labels<CorrectionField> = {
  name: { zh: '姓名', en: 'name' }, gender: { zh: '性别', en: 'gender' }, birthDate: { zh: '出生日期', en: 'birth date' },
  idNumber: { zh: '证件号码', en: 'ID number' }, phone: { zh: '手机号码', en: 'phone' }, ethnicity: { zh: '民族', en: 'ethnicity' },
  politicalStatus: { zh: '政治面貌', en: 'political status' }, registrationType: { zh: '户籍类型', en: 'registration type' },
  household: { zh: '住址/户', en: 'household' }, tags: { zh: '标签', en: 'tags' }, other: { zh: '其他', en: 'other' },
};

/** A label table as a list for forms: [{value, zh, en}]. */
export function labelList<K extends string>(labels: Labels<K>): { value: K; zh: string; en: string }[] {
  return (Object.entries(labels) as [K, Labels<K>[K]][]).map(([value, l]) => ({ value, zh: l.zh, en: l.en }));
}
