import type { Kysely, Transaction } from 'kysely';
import type { Ctx } from '../../core/context.js';
import type { DB } from '../../db/schema.js';
import { closeVoteTx, createVoteTx, onVoteClosed as register, outcomeOf } from './lifecycle.js';
import type { VoteOutcome, VoteSpec } from './api-types.js';

/**
 * The voting module's contract with deliberation and micro-projects: other modules import
 * only from this file. Every function runs in the caller's transaction and audits there.
 */
export type { Electorate, VoteOutcome, VoteSpec } from './api-types.js';

/** A draft, or opened at once (the electorate is snapshotted at opening); audited. Bad specs → 400 naming the field. */
export function createVote(trx: Transaction<DB>, ctx: Ctx, spec: VoteSpec, opts?: { open?: boolean }): Promise<{ id: number }> {
  return createVoteTx(trx, ctx, spec, opts);
}

/** Tallies and stores the result, then calls the subject's handlers; closing twice → 409 VOTE_ALREADY_CLOSED. */
export function closeVote(trx: Transaction<DB>, ctx: Ctx, voteId: number): Promise<VoteOutcome> {
  return closeVoteTx(trx, ctx, voteId);
}

/** The stored result; null until closed. */
export function getVoteOutcome(db: Kysely<DB> | Transaction<DB>, voteId: number): Promise<VoteOutcome | null> {
  return outcomeOf(db, voteId);
}

/** Handlers run inside the closing transaction, after the tally is stored; register at module load (index.ts). */
export function onVoteClosed(subjectType: 'topic' | 'microRound' | 'other', handler: (trx: Transaction<DB>, ctx: Ctx, outcome: VoteOutcome) => Promise<void>): void {
  register(subjectType, handler);
}
