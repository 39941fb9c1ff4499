import crypto from 'node:crypto';
import type { Msg } from '../../core/errors.js';
import type { ThresholdBase, VoteMethod } from '../../db/schema-voting.js';

/**
 * The vote rules, pure and in integer arithmetic only (BigInt for every product, so no
 * share is ever rounded). Definitions (docs/voting.md):
 * - cast = ballots counted; an abstention is a ballot (it counts toward quorum and 'cast').
 * - quorum met  ⇔ cast × q.den ≥ q.num × eligible.
 * - yesNo passes ⇔ quorum met ∧ approve ≥ 1 ∧ approve × t.den ≥ t.num × base, where base is
 *   eligible ('electorate'), cast ('cast') or approve + reject ('decisive': abstentions left out).
 *   A result exactly at the threshold passes (≥): 17 of 20 at 85% passes, 16 of 20 fails.
 * - choice votes have no verdict (passed = null); `rank` orders the options by count, and
 *   options with equal counts share a rank (1, 1, 3) — the caller decides a tie.
 */
export const YES_NO = ['approve', 'reject', 'abstain'] as const;
export interface Ratio { num: number; den: number }
export interface Rule {
  method: VoteMethod;
  optionKeys: string[];
  minChoices: number;
  maxChoices: number;
  quorum: Ratio;
  threshold: Ratio & { of: ThresholdBase };
}
export interface Tally {
  eligible: number; cast: number; quorumMet: boolean;
  counts: Record<string, number>;
  passed: boolean | null;
}

const B = BigInt;
/** a/b ≥ n/d without division. */
export const atLeast = (a: number, b: number, r: Ratio) => B(a) * B(r.den) >= B(r.num) * B(b);

/** Why a ballot is not valid under the rule, or null. */
export function ballotProblem(rule: Rule, choices: string[]): Msg | null {
  if (new Set(choices).size !== choices.length) return { zh: '同一选项不能重复选择', en: 'an option is chosen twice' };
  const unknown = choices.find((c) => !rule.optionKeys.includes(c));
  if (unknown !== undefined) return { zh: `没有选项“${unknown}”`, en: `there is no option "${unknown}"` };
  if (rule.method === 'yesNo') return choices.length === 1 ? null : { zh: '请选择同意、反对或弃权中的一项', en: 'choose exactly one of approve, reject, abstain' };
  if (choices.length < rule.minChoices) return { zh: `至少选择 ${rule.minChoices} 项`, en: `choose at least ${rule.minChoices}` };
  if (choices.length > rule.maxChoices) return { zh: `最多选择 ${rule.maxChoices} 项`, en: `choose at most ${rule.maxChoices}` };
  return null;
}

/** Counts ballots (each already valid) for an electorate of `eligible` voters. */
export function tally(rule: Rule, eligible: number, ballots: readonly (readonly string[])[]): Tally {
  const counts: Record<string, number> = Object.fromEntries(rule.optionKeys.map((k) => [k, 0]));
  for (const b of ballots) for (const c of b) if (c in counts) counts[c] += 1;
  return verdict(rule, eligible, ballots.length, counts);
}

/** The verdict from counts already made (the closing tally counts in SQL; `tally` recounts a list). */
export function verdict(rule: Rule, eligible: number, cast: number, counted: Record<string, number>): Tally {
  const counts: Record<string, number> = Object.fromEntries(rule.optionKeys.map((k) => [k, counted[k] ?? 0]));
  const quorumMet = atLeast(cast, eligible, rule.quorum);
  if (rule.method !== 'yesNo') return { eligible, cast, quorumMet, counts, passed: null };
  const approve = counts.approve ?? 0;
  const reject = counts.reject ?? 0;
  const base = rule.threshold.of === 'electorate' ? eligible : rule.threshold.of === 'cast' ? cast : approve + reject;
  const passed = quorumMet && approve >= 1 && atLeast(approve, base, rule.threshold);
  return { eligible, cast, quorumMet, counts, passed };
}

export interface Ranked { key: string; count: number; rank: number }
/** Options by count (ties keep option order and share the rank: 1, 1, 3). */
export function rank(optionKeys: string[], counts: Record<string, number>): Ranked[] {
  const sorted = optionKeys.map((key, i) => ({ key, count: counts[key] ?? 0, i })).sort((a, b) => b.count - a.count || a.i - b.i);
  return sorted.map((x) => ({ key: x.key, count: x.count, rank: sorted.findIndex((y) => y.count === x.count) + 1 }));
}

/**
 * The digest of a published ballot list: SHA-256 over the lines "RECEIPT:choice,choice\n",
 * lines sorted by receipt and choices sorted within a line. Anyone who downloads the list
 * can recompute it (the phone page does, with Web Crypto).
 */
export function ballotsDigest(ballots: readonly { receipt: string; choices: readonly string[] }[]): string {
  const lines = ballots.map((b) => `${b.receipt}:${[...b.choices].sort().join(',')}\n`).sort();
  const h = crypto.createHash('sha256');
  for (const l of lines) h.update(l);
  return h.digest('hex');
}

/** Adult (18+) on `on` (YYYY-MM-DD), by calendar date; an unknown birth date is not adult. */
export function isAdult(birthDate: string | null, on: string): boolean {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return false;
  const [y, m, d] = on.split('-').map(Number);
  const cutoff = `${String(y - 18).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return birthDate <= cutoff;
}

export interface Candidate { userId: number; householdId: number | null; birthDate: string | null }
export interface Electorate { electors: { userId: number; voterKey: number }[]; eligible: number }

/**
 * The electorate from the candidate accounts at opening. perHousehold: every adult with an
 * account may cast the household's one ballot (voter key = household id; a household with
 * no such adult is not in the electorate). Otherwise one voter per adult account.
 * `adultsOnly` is false for a body (its representatives are the electorate as appointed).
 */
export function electorate(cands: readonly Candidate[], on: string, opts: { perHousehold: boolean; adultsOnly: boolean }): Electorate {
  const seen = new Map<number, number>();
  for (const c of cands) {
    if (opts.adultsOnly && !isAdult(c.birthDate, on)) continue;
    if (opts.perHousehold && c.householdId === null) continue;
    if (!seen.has(c.userId)) seen.set(c.userId, opts.perHousehold ? c.householdId! : c.userId);
  }
  const electors = [...seen].map(([userId, voterKey]) => ({ userId, voterKey }));
  return { electors, eligible: new Set(electors.map((e) => e.voterKey)).size };
}

/** A receipt: 20 base32 characters (100 random bits). */
export function newReceipt(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = crypto.randomBytes(20);
  let out = '';
  for (const b of bytes) out += alphabet[b & 31];
  return out;
}
