import { describe, expect, it } from 'vitest';
import {
  addPostProblem, chinaDay, chinaMonth, chinaTime, declaredImageType, holderProblem, isDay, monthRange, normalizeCardPhone, rate,
  sameHolder, sniffImage, staffing, type PostFacts,
} from './rules.js';

const posts = (spec: Record<string, [number, number]>): PostFacts[] =>
  Object.entries(spec).flatMap(([post, [withBackup, without]]) => [
    ...Array.from({ length: withBackup }, () => ({ post, hasBackup: true })),
    ...Array.from({ length: without }, () => ({ post, hasBackup: false })),
  ]) as PostFacts[];

describe('1+4+X staffing', () => {
  it('counts posts per kind and missing B backups', () => {
    expect(staffing([])).toEqual({
      gridWorker: { count: 0, max: 1 }, gridAssistant: { count: 0, max: 4 }, gridHelper: { count: 0, max: null }, missingBackups: 0, complete: false,
    });
    const s = staffing(posts({ gridWorker: [1, 0], gridAssistant: [3, 1], gridHelper: [2, 5] }));
    expect(s).toMatchObject({ gridWorker: { count: 1 }, gridAssistant: { count: 4 }, gridHelper: { count: 7 }, missingBackups: 6, complete: false });
    expect(staffing(posts({ gridWorker: [1, 0], gridAssistant: [2, 0] })).complete).toBe(true);
    expect(staffing(posts({ gridWorker: [1, 1] })).complete).toBe(false); // two grid workers is not "exactly one"
  });

  it('one grid worker, at most four assistants, any number of helpers', () => {
    expect(addPostProblem([], 'gridWorker')).toBeNull();
    expect(addPostProblem(posts({ gridWorker: [0, 1] }), 'gridWorker')?.zh).toContain('只能有 1 名网格员');
    expect(addPostProblem(posts({ gridAssistant: [3, 0] }), 'gridAssistant')).toBeNull();
    expect(addPostProblem(posts({ gridAssistant: [2, 2] }), 'gridAssistant')?.en).toBe('a grid has at most 4 grid assistants');
    expect(addPostProblem(posts({ gridWorker: [1, 0], gridAssistant: [4, 0], gridHelper: [50, 0] }), 'gridHelper')).toBeNull();
    // Other kinds do not count against a kind's limit.
    expect(addPostProblem(posts({ gridWorker: [1, 0], gridHelper: [9, 0] }), 'gridAssistant')).toBeNull();
  });

  it('holder accounts belong to the grid or its community, are staff and enabled', () => {
    const grid = { id: 7, parentId: 6 };
    const ok = { id: 1, role: 'gridWorker' as const, orgId: 7, status: 'active' as const };
    expect(holderProblem(ok, grid)).toBeNull();
    expect(holderProblem({ ...ok, role: 'communityWorker', orgId: 6 }, grid)).toBeNull();
    expect(holderProblem(undefined, grid)?.en).toContain('within your scope');
    expect(holderProblem({ ...ok, orgId: 8 }, grid)?.en).toContain('grid or its community');
    expect(holderProblem({ ...ok, role: 'resident' }, grid)?.zh).toContain('居民');
    expect(holderProblem({ ...ok, status: 'disabled' }, grid)?.en).toContain('disabled');
  });

  it('A and B are two people', () => {
    expect(sameHolder({ userId: 1, name: '张三' }, { userId: 1, name: '李四' })).toBe(true);
    expect(sameHolder({ userId: 1, name: '张三' }, { userId: 2, name: '张三' })).toBe(false); // namesakes with accounts
    expect(sameHolder({ userId: null, name: '张三' }, { userId: null, name: ' 张三 ' })).toBe(true);
    expect(sameHolder({ userId: null, name: '张三' }, { userId: null, name: null })).toBe(false);
    expect(sameHolder({ userId: 1, name: '张三' }, { userId: null, name: '张三' })).toBe(false);
  });
});

describe('card phone', () => {
  it('accepts a mobile or a landline with area code, tidied', () => {
    expect(normalizeCardPhone('138 1234 5678')).toBe('13812345678');
    expect(normalizeCardPhone('+8613812345678')).toBe('13812345678');
    expect(normalizeCardPhone('0937-2612345')).toBe('0937-2612345');
    expect(normalizeCardPhone('09372612345')).toBe('0937-2612345');
    expect(normalizeCardPhone('010-12345678-123')).toBe('010-12345678-123');
    expect(normalizeCardPhone('0937-2612345转8')).toBe('0937-2612345-8');
    for (const bad of ['12345', '2612345', '1381234567', '23812345678', 'abc', '0937-12']) expect(normalizeCardPhone(bad), bad).toBeNull();
  });
});

describe('images', () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
  const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
  it('knows the bytes, not the name', () => {
    expect(sniffImage(jpeg)).toBe('image/jpeg');
    expect(sniffImage(png)).toBe('image/png');
    expect(sniffImage(webp)).toBe('image/webp');
    expect(sniffImage(Buffer.from('<svg onload=alert(1)>'))).toBeNull();
    expect(sniffImage(Buffer.from('RIFF0000WAVE'))).toBeNull();
    expect(sniffImage(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });
  it('reads the declared type without parameters', () => {
    expect(declaredImageType('image/PNG; charset=binary')).toBe('image/png');
    expect(declaredImageType('image/gif')).toBeNull();
    expect(declaredImageType(undefined)).toBeNull();
  });
});

describe('calendar (China time)', () => {
  it('days and months follow UTC+8', () => {
    expect(chinaDay(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(chinaMonth(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03');
    expect(chinaTime(new Date('2026-03-31T16:30:59.999Z'))).toBe('2026-04-01 00:30');
    const { from, to } = monthRange('2026-12');
    expect(from.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(monthRange('2024-02').to.toISOString()).toBe('2024-02-29T16:00:00.000Z');
  });
  it('real days from 2000 on', () => {
    expect(isDay('2024-02-29')).toBe(true);
    for (const bad of ['2023-02-29', '1999-12-31', '2024-13-01', '2024-1-1', '0000-01-01']) expect(isDay(bad), bad).toBe(false);
  });
  it('rates round to 4 decimals and are null without a whole', () => {
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(0, 0)).toBeNull();
    expect(rate(5, 5)).toBe(1);
  });
});
