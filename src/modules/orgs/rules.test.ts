import { describe, expect, it } from 'vitest';
import type { OrgLevel } from '../../db/schema.js';
import { boundaryProblem, childLevels, codeProblem, divisionCode, levelProblem, LEVEL_LABELS, TREE_LEVELS } from './rules.js';

describe('childLevels', () => {
  it('follows the five-level chain, with departments under districts and streets', () => {
    expect(childLevels('root')).toEqual(['province']);
    expect(childLevels('province')).toEqual(['city']);
    expect(childLevels('city')).toEqual(['district']);
    expect(childLevels('district')).toEqual(['street', 'department']);
    expect(childLevels('street')).toEqual(['community', 'department']);
    expect(childLevels('community')).toEqual(['grid']);
    expect(childLevels('grid')).toEqual([]);
    expect(childLevels('department')).toEqual([]);
  });

  it('never allows the root or a level above the parent as a child', () => {
    const all = Object.keys(LEVEL_LABELS) as OrgLevel[];
    for (const p of all) {
      const kids = childLevels(p);
      expect(kids).not.toContain('root');
      expect(kids).not.toContain(p);
      for (const k of kids) if (k !== 'department') expect(TREE_LEVELS.indexOf(k)).toBe(TREE_LEVELS.indexOf(p) + 1);
    }
  });

  it('levelProblem agrees with childLevels and explains in both languages', () => {
    expect(levelProblem('city', 'province')).toBeNull();
    expect(levelProblem('department', 'street')).toBeNull();
    const p = levelProblem('grid', 'street')!;
    expect(p.zh).toContain('社区/村');
    expect(p.en).toMatch(/Community\/village or Department/);
    expect(levelProblem('grid', 'grid')!.en).toMatch(/has no children/);
    expect(levelProblem('department', 'community')).not.toBeNull();
  });
});

describe('codeProblem', () => {
  it('accepts the official code shapes under each parent', () => {
    expect(codeProblem('province', '62', 'root', 'CN')).toBeNull();
    expect(codeProblem('city', '6209', 'province', '62')).toBeNull();
    expect(codeProblem('district', '620902', 'city', '6209')).toBeNull();
    expect(codeProblem('street', '620902001', 'district', '620902')).toBeNull();
    expect(codeProblem('community', '620902001001', 'street', '620902001')).toBeNull();
    expect(codeProblem('grid', '620902001001001', 'community', '620902001001')).toBeNull();
    expect(codeProblem('department', '620902D01', 'district', '620902')).toBeNull();
    expect(codeProblem('department', '620902001D123', 'street', '620902001')).toBeNull();
  });

  it('requires the parent code as prefix', () => {
    const p = codeProblem('city', '6309', 'province', '62')!;
    expect(p.zh).toContain('62');
    expect(p.en).toMatch(/must start with the parent's code 62/);
    expect(codeProblem('street', '620903001', 'district', '620902')).not.toBeNull();
  });

  it('requires the right suffix length and alphabet', () => {
    expect(codeProblem('province', '6', 'root', 'CN')).not.toBeNull();
    expect(codeProblem('province', '620', 'root', 'CN')).not.toBeNull();
    expect(codeProblem('city', '620', 'province', '62')).not.toBeNull();
    expect(codeProblem('city', '62AB', 'province', '62')).not.toBeNull();
    expect(codeProblem('street', '62090201', 'district', '620902')).not.toBeNull();
    expect(codeProblem('street', '6209020001', 'district', '620902')).not.toBeNull();
    expect(codeProblem('grid', '62090200100101', 'community', '620902001001')).not.toBeNull();
    expect(codeProblem('department', '620902D1', 'district', '620902')).not.toBeNull();
    expect(codeProblem('department', '620902D1234', 'district', '620902')).not.toBeNull();
    expect(codeProblem('department', '62090201', 'district', '620902')).not.toBeNull();
    // The parent's code alone is not a child code.
    expect(codeProblem('city', '62', 'province', '62')).not.toBeNull();
    const p = codeProblem('street', '6209021', 'district', '620902')!;
    expect(p.zh).toContain('3 位数字');
    expect(p.en).toContain('\\d{3}');
  });
});

describe('divisionCode', () => {
  it('gives the GB/T 2260 six-digit form for provinces and cities, the code itself below', () => {
    expect(divisionCode('province', '62')).toBe('620000');
    expect(divisionCode('city', '6209')).toBe('620900');
    expect(divisionCode('district', '620902')).toBe('620902');
    expect(divisionCode('street', '620902001')).toBe('620902001');
    expect(divisionCode('community', '620902001001')).toBe('620902001001');
  });
  it('has none for the root, grids and departments', () => {
    expect(divisionCode('root', 'CN')).toBeNull();
    expect(divisionCode('grid', '620902001001001')).toBeNull();
    expect(divisionCode('department', '620902D01')).toBeNull();
  });
});

describe('boundaryProblem', () => {
  const square = [[98.49, 39.73], [98.5, 39.73], [98.5, 39.74], [98.49, 39.74], [98.49, 39.73]];

  it('accepts a closed polygon, with holes and with altitude', () => {
    expect(boundaryProblem({ type: 'Polygon', coordinates: [square] })).toBeNull();
    expect(boundaryProblem({ type: 'Polygon', coordinates: [square, square] })).toBeNull();
    expect(boundaryProblem({ type: 'Polygon', coordinates: [square.map(([x, y]) => [x, y, 1500])] })).toBeNull();
    expect(boundaryProblem({ type: 'Polygon', coordinates: [[[-180, -90], [180, -90], [180, 90], [-180, -90]]] })).toBeNull();
  });

  it('rejects what is not a polygon object', () => {
    for (const b of [null, undefined, 'Polygon', 42, [], { type: 'Point', coordinates: [1, 2] }, { type: 'polygon', coordinates: [square] }])
      expect(boundaryProblem(b), JSON.stringify(b)).not.toBeNull();
    expect(boundaryProblem({ type: 'MultiPolygon', coordinates: [[square]] })!.en).toMatch(/Polygon/);
  });

  it('rejects empty or malformed coordinates', () => {
    expect(boundaryProblem({ type: 'Polygon' })!.en).toMatch(/non-empty/);
    expect(boundaryProblem({ type: 'Polygon', coordinates: [] })!.en).toMatch(/non-empty/);
    expect(boundaryProblem({ type: 'Polygon', coordinates: 'x' })!.en).toMatch(/non-empty/);
    expect(boundaryProblem({ type: 'Polygon', coordinates: [square.slice(0, 3)] })!.en).toMatch(/at least 4/);
    expect(boundaryProblem({ type: 'Polygon', coordinates: ['ring'] })!.en).toMatch(/at least 4/);
    expect(boundaryProblem({ type: 'Polygon', coordinates: [[...square.slice(0, 4), [1]]] })!.en).toMatch(/\[lon, lat\]/);
    expect(boundaryProblem({ type: 'Polygon', coordinates: [[...square.slice(0, 4), ['98', '39']]] })!.en).toMatch(/\[lon, lat\]/);
  });

  it('rejects positions out of range (lon beyond ±180, lat beyond ±90)', () => {
    const shift = (dx: number, dy: number) => square.map(([x, y]) => [x + dx, y + dy]);
    expect(boundaryProblem({ type: 'Polygon', coordinates: [shift(100, 0)] })!.en).toMatch(/within range/);
    expect(boundaryProblem({ type: 'Polygon', coordinates: [shift(0, 60)] })!.en).toMatch(/within range/);
    expect(boundaryProblem({ type: 'Polygon', coordinates: [shift(-300, 0)] })).not.toBeNull();
  });

  it('rejects open rings, in the outer ring or in a hole', () => {
    const open = square.slice(0, 4).concat([[98.495, 39.735]]);
    expect(boundaryProblem({ type: 'Polygon', coordinates: [open] })!.en).toMatch(/closed/);
    expect(boundaryProblem({ type: 'Polygon', coordinates: [square, open] })!.zh).toContain('闭合');
  });
});

describe('normaliseTarget (division import codes)', () => {
  it('reduces official six-digit forms to the code of the level', async () => {
    const { normaliseTarget } = await import('./division-import.js');
    expect(normaliseTarget('62')).toBe('62');
    expect(normaliseTarget('620000')).toBe('62');
    expect(normaliseTarget('6209')).toBe('6209');
    expect(normaliseTarget('620900')).toBe('6209');
    expect(normaliseTarget('620902')).toBe('620902');
    expect(normaliseTarget(' 620902 ')).toBe('620902');
    expect(normaliseTarget('all')).toBe('');
    expect(normaliseTarget('CN')).toBe('');
  });

  it('refuses anything else, blank input included (the whole country needs an explicit "all")', async () => {
    const { normaliseTarget } = await import('./division-import.js');
    for (const c of ['', ' ', '\t', '6', '620', '62090', '6209021', 'abc', '62a', 'ALL', '١٢'])
      expect(() => normaliseTarget(c), JSON.stringify(c)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', fields: expect.objectContaining({ code: expect.anything() }) }));
  });
});
