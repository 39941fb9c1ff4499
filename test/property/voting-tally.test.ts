/**
 * Property: for random household electorates and random ballot attempts (repeats, several
 * adults of one household racing each other, minors, outsiders), the published tally always
 * equals a recount from the published receipts, every accepted ballot's receipt is in the
 * list with the choice it was cast with, and no voter (household) has two counted ballots.
 *
 * Ballots go through the real cast service (one transaction each, run concurrently in
 * waves), the vote is closed through api.ts and checked through the verify service.
 * Knobs: VOTING_RUNS (default 12), VOTING_SEED (replay a failure).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../api/fixtures.js';
import { household } from '../api/residents-fixtures.js';
import type { Actor, AuthedCtx } from '../../src/core/context.js';
import { AppError } from '../../src/core/errors.js';
import { closeVote, createVote, getVoteOutcome } from '../../src/modules/voting/api.js';
import { castBallot } from '../../src/modules/voting/service-ballots.js';
import { publishVote } from '../../src/modules/voting/service-votes.js';
import { verifyVote } from '../../src/modules/voting/service-ballots.js';
import * as repo from '../../src/modules/voting/repo.js';
import { tally, ballotsDigest, YES_NO } from '../../src/modules/voting/rules.js';

const RUNS = Number(process.env.VOTING_RUNS ?? 12);
const SEED = process.env.VOTING_SEED ? Number(process.env.VOTING_SEED) : undefined;

let t: TestApp;
let w: World;
let staff: AuthedCtx;
let n = 0;

const actor = (userId: number, role: Actor['role'], orgPath: string, orgId: number): Actor => ({
  userId, username: `u${userId}`, displayName: `u${userId}`, role, orgId, orgName: '', orgLevel: 'grid', orgCode: '', orgPath,
  sessionId: '', csrfToken: '', totpEnabled: false, mustChangePassword: false,
});
const ctxOf = (a: Actor): AuthedCtx => ({ deps: t.deps, actor: a, meta: { ip: null, userAgent: 'property', lang: 'zh' } });

async function account(org: { id: number; path: string }) {
  const r = await t.handle.db.insertInto('app_user').values({ username: `pv${++n}_${Date.now()}`, display_name: `选民${n}`, role: 'resident', org_id: org.id, org_path: org.path, password_hash: 'x' } as never)
    .returning('id').executeTakeFirstOrThrow();
  return r.id as number;
}
async function resident(org: { id: number; path: string }, householdId: number | null, birth: string, userId: number) {
  await t.handle.db.insertInto('resident').values({
    org_id: org.id, org_path: org.path, household_id: householdId, name: '选民', gender: 'female', birth_date: birth,
    id_type: 'idCard', id_enc: 'x', id_hash: `h${userId}`, id_masked: 'x', registration_type: 'registered', user_id: userId,
  } as never).execute();
}

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t, ['communityWorker']);
  staff = ctxOf(actor(w.users.communityWorker.id, 'communityWorker', w.communityA.path, w.communityA.id));
}, 60_000);
afterAll(async () => t?.close());

const electorateArb = fc.array(fc.record({ adults: fc.integer({ min: 0, max: 3 }), minor: fc.boolean() }), { minLength: 1, maxLength: 8 });
const caseArb = electorateArb.chain((hs) => fc.record({
  hs: fc.constant(hs),
  outsiders: fc.integer({ min: 0, max: 2 }),
  method: fc.constantFrom('yesNo' as const, 'choice' as const),
  secret: fc.boolean(),
  // Each attempt: who (an index into all accounts, mod the count), what, and which wave it runs in.
  attempts: fc.array(fc.record({ who: fc.nat(), pick: fc.nat(), wave: fc.integer({ min: 0, max: 2 }) }), { minLength: 0, maxLength: 30 }),
  quorum: fc.integer({ min: 0, max: 4 }), threshold: fc.integer({ min: 0, max: 100 }), of: fc.constantFrom('electorate' as const, 'cast' as const, 'decisive' as const),
}));

describe('voting property: published tally = recount from receipts, one counted ballot per voter', () => {
  it('holds for random electorates and ballots', async () => {
    await fc.assert(fc.asyncProperty(caseArb, async (c) => {
      const grid = await t.org(w.communityA.id, 'grid', `620902001001${String(100 + ++n).slice(-3)}${n}`, `性质网格${n}`);
      const people: { userId: number; householdId: number | null; eligible: boolean }[] = [];
      for (const h of c.hs) {
        const hh = await household(t, grid);
        for (let i = 0; i < h.adults; i++) { const u = await account(grid); await resident(grid, hh.id, '1975-03-0' + (i + 1), u); people.push({ userId: u, householdId: hh.id, eligible: true }); }
        if (h.minor) { const u = await account(grid); await resident(grid, hh.id, '2015-06-01', u); people.push({ userId: u, householdId: hh.id, eligible: false }); }
      }
      for (let i = 0; i < c.outsiders; i++) { const u = await account(w.communityB); people.push({ userId: u, householdId: null, eligible: false }); }
      const eligibleHouseholds = new Set(people.filter((p) => p.eligible).map((p) => p.householdId));
      const options = c.method === 'yesNo' ? [...YES_NO] : ['a', 'b', 'c'];
      const spec = {
        orgId: grid.id, title: `性质表决${n}`, electorate: { kind: 'households' as const, orgId: grid.id }, method: c.method, secret: c.secret,
        ...(c.method === 'choice' ? { options: options.map((k) => ({ key: k, label: k })), minChoices: 1, maxChoices: 3 } : {}),
        quorum: { num: c.quorum, den: 4 }, threshold: { num: c.threshold, den: 100, of: c.of },
      };
      let voteId: number;
      try {
        voteId = (await t.deps.db.transaction().execute((trx) => createVote(trx, staff, spec, { open: true }))).id;
      } catch (e) {
        // An electorate without any adult account cannot open; that is the only refusal allowed.
        expect(eligibleHouseholds.size).toBe(0);
        expect((e as AppError).code).toBe('EMPTY_ELECTORATE');
        return;
      }
      expect(eligibleHouseholds.size).toBeGreaterThan(0);
      expect(await getVoteOutcome(t.deps.db, voteId)).toBeNull();

      const accepted: { householdId: number; receipt: string; choices: string[] }[] = [];
      for (const wave of [0, 1, 2]) {
        const batch = c.attempts.filter((a) => a.wave === wave);
        await Promise.all(batch.map(async (a) => {
          const p = people[a.who % people.length];
          const choices = c.method === 'yesNo' ? [options[a.pick % 3]] : options.filter((_, i) => ((a.pick % 7) + 1) & (1 << i));
          const org = p.householdId === null ? w.communityB : grid;
          try {
            const r = await castBallot(ctxOf(actor(p.userId, 'resident', org.path, org.id)), voteId, choices);
            accepted.push({ householdId: p.householdId!, receipt: r.receipt, choices: r.choices });
            expect(p.eligible).toBe(true);
          } catch (e) {
            const code = (e as AppError).code;
            if (p.eligible) expect(code).toBe('ALREADY_VOTED');
            else expect(['FORBIDDEN', 'NOT_FOUND']).toContain(code);
          }
        }));
      }
      // No household twice, and every household whose adult tried is counted once.
      const counted = accepted.map((a) => a.householdId);
      expect(new Set(counted).size).toBe(counted.length);
      const tried = new Set(c.attempts.map((a) => people[a.who % people.length]).filter((p) => p.eligible).map((p) => p.householdId));
      expect(new Set(counted)).toEqual(tried);

      const outcome = await t.deps.db.transaction().execute((trx) => closeVote(trx, staff, voteId));
      await publishVote(staff, voteId);
      const list = await repo.ballotsOf(t.deps.db, voteId);
      // Each accepted receipt is published with the choices it was cast with; nothing else is.
      expect(new Map(list.map((b) => [b.receipt, [...b.choices].sort().join(',')]))).toEqual(new Map(accepted.map((a) => [a.receipt, [...a.choices].sort().join(',')])));
      const rule = { method: c.method, optionKeys: options, minChoices: 1, maxChoices: c.method === 'yesNo' ? 1 : 3, quorum: spec.quorum, threshold: spec.threshold };
      const recount = tally(rule, eligibleHouseholds.size, list.map((b) => b.choices));
      expect(outcome).toMatchObject({ eligible: eligibleHouseholds.size, cast: recount.cast, counts: recount.counts, passed: recount.passed, quorumMet: recount.quorumMet });
      expect(await getVoteOutcome(t.deps.db, voteId)).toEqual(outcome);
      const v = await verifyVote(staff, voteId);
      expect(v.matches).toBe(true);
      expect(v.recount.digest).toBe(ballotsDigest(accepted));
      const parts = await t.handle.db.selectFrom('vote_participation').select(['voter_key', 'receipt']).where('vote_id', '=', voteId).execute();
      expect(parts.map((p) => p.voter_key).sort()).toEqual([...counted].sort());
      if (c.secret) expect(parts.every((p) => p.receipt === null)).toBe(true);
    }), { numRuns: RUNS, seed: SEED });
  }, 300_000);
});
