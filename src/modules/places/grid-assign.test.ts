import { describe, expect, it } from 'vitest';
import { communityIdOf, communityPathOf, gridContaining, locatingPoint } from './grid-assign.js';

const square = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});
// Two neighbouring grids of a community in 酒泉 and one with a hole.
const A = { id: 7, path: '/1/6/7/', boundary: square(98.49, 39.73, 98.50, 39.74) };
const B = { id: 8, path: '/1/6/8/', boundary: square(98.50, 39.73, 98.51, 39.74) };
const ring = {
  id: 9, path: '/1/6/9/',
  boundary: { type: 'Polygon', coordinates: [square(98.52, 39.73, 98.55, 39.76).coordinates[0], square(98.53, 39.74, 98.54, 39.75).coordinates[0]] },
};

describe('gridContaining', () => {
  it('finds the grid whose boundary contains the point', () => {
    expect(gridContaining({ lon: 98.495, lat: 39.735 }, [A, B])?.id).toBe(7);
    expect(gridContaining({ lon: 98.505, lat: 39.735 }, [A, B])?.id).toBe(8);
  });

  it('answers null outside every boundary, and for no grids', () => {
    expect(gridContaining({ lon: 98.6, lat: 39.735 }, [A, B])).toBeNull();
    expect(gridContaining({ lon: 98.495, lat: 39.735 }, [])).toBeNull();
  });

  it('respects holes', () => {
    expect(gridContaining({ lon: 98.525, lat: 39.735 }, [ring])?.id).toBe(9);
    expect(gridContaining({ lon: 98.535, lat: 39.745 }, [ring])).toBeNull();
  });

  it('a point on the shared edge goes to the first grid by path (stable)', () => {
    expect(gridContaining({ lon: 98.50, lat: 39.735 }, [A, B])?.id).toBe(7);
  });

  it('skips missing or malformed boundaries instead of failing', () => {
    const broken = [
      { id: 1, path: '/1/', boundary: null }, { id: 2, path: '/2/', boundary: { type: 'Point', coordinates: [1, 2] } },
      { id: 3, path: '/3/', boundary: { type: 'Polygon', coordinates: 'x' } }, { id: 4, path: '/4/', boundary: { type: 'Polygon', coordinates: [[[1]]] } },
    ];
    expect(gridContaining({ lon: 98.495, lat: 39.735 }, [...broken, A])?.id).toBe(7);
  });
});

describe('locatingPoint', () => {
  const p = (lon: number, lat: number) => ({ lon, lat });
  const none = { lon: null, lat: null };
  it('prefers the household, then the building, then the estate', () => {
    expect(locatingPoint(p(1, 2), p(3, 4), p(5, 6))).toEqual(p(1, 2));
    expect(locatingPoint(none, p(3, 4), p(5, 6))).toEqual(p(3, 4));
    expect(locatingPoint(none, null, p(5, 6))).toEqual(p(5, 6));
    expect(locatingPoint(none, none, none)).toBeNull();
    expect(locatingPoint(none)).toBeNull();
  });
});

describe('community of the chosen org', () => {
  it('is the parent of a grid and a community itself', () => {
    expect(communityIdOf({ id: 7, level: 'grid', parent_id: 6 })).toBe(6);
    expect(communityIdOf({ id: 6, level: 'community', parent_id: 5 })).toBe(6);
    expect(communityPathOf({ level: 'grid', path: '/1/5/6/7/' })).toBe('/1/5/6/');
    expect(communityPathOf({ level: 'community', path: '/1/5/6/' })).toBe('/1/5/6/');
  });
});
