import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batches, parseChanges, type ChangeMessage } from './notify.js';

const msg = (id: number): ChangeMessage => ({ id, status: 'submitted', orgPath: `/1/2/${id}/`, handlerPath: null, summoned: [], reporterUserId: id });

describe('change batches for the live boards', () => {
  it('splits messages into JSON arrays under the payload limit, in order, none lost', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 1e9 }), { maxLength: 300 }), fc.integer({ min: 200, max: 8000 }), (ids, max) => {
      const out = batches(ids.map((i) => JSON.stringify(msg(i))), max);
      for (const p of out) expect(p.length).toBeLessThanOrEqual(max);
      expect(out.flatMap(parseChanges).map((m) => m.id)).toEqual(ids);
    }));
  });

  it('reads a single message from an older sender, and ignores what is not JSON', () => {
    expect(parseChanges(JSON.stringify(msg(7)))).toEqual([msg(7)]);
    expect(parseChanges('all')).toEqual([]);
  });
});
