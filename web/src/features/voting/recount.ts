import type { Ballot, Vote } from './types';

/**
 * The phone's own recount of a published ballot list, the same rule as the server's
 * src/modules/voting/rules.ts (integer arithmetic; ≥ at the threshold; abstentions count
 * toward quorum and 'cast', not toward 'decisive'), and the list's SHA-256 digest.
 */
const atLeast = (a: number, b: number, r: { num: number; den: number }) => BigInt(a) * BigInt(r.den) >= BigInt(r.num) * BigInt(b);

export function recount(v: Pick<Vote, 'method' | 'options' | 'quorum' | 'threshold'>, eligible: number, ballots: Ballot[]) {
  const counts: Record<string, number> = Object.fromEntries(v.options.map((o) => [o.key, 0]));
  for (const b of ballots) for (const c of b.choices) if (c in counts) counts[c] += 1;
  const cast = ballots.length;
  const quorumMet = atLeast(cast, eligible, v.quorum);
  if (v.method !== 'yesNo') return { cast, counts, quorumMet, passed: null as boolean | null };
  const approve = counts.approve ?? 0;
  const base = v.threshold.of === 'electorate' ? eligible : v.threshold.of === 'cast' ? cast : approve + (counts.reject ?? 0);
  return { cast, counts, quorumMet, passed: quorumMet && approve >= 1 && atLeast(approve, base, v.threshold) };
}

export async function digestOf(ballots: Ballot[]): Promise<string> {
  const lines = ballots.map((b) => `${b.receipt}:${[...b.choices].sort().join(',')}\n`).sort();
  const buf = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(lines.join('')));
  return [...new Uint8Array(buf)].map((x) => x.toString(16).padStart(2, '0')).join('');
}
