import { describe, expect, it } from 'vitest';
import { cellText, looksLikeExcelNumber, parseArea, parseDate, splitList } from './values.js';

describe('cell values', () => {
  it('reads dates as Excel and people write them', () => {
    expect(parseDate(new Date(Date.UTC(1990, 0, 31)))).toBe('1990-01-31');
    expect(parseDate(32904)).toBe('1990-01-31'); // Excel serial
    expect(parseDate(19900131)).toBe('1990-01-31');
    for (const s of ['1990-01-31', '1990/1/31', '1990.1.31', '1990年1月31日', '19900131', '1990-01-31 00:00:00', '１９９０-01-31'])
      expect(parseDate(s), s).toBe('1990-01-31');
    for (const s of ['1990-02-30', '31/01/1990', 'yesterday', '1899-12-31', ''])
      expect(parseDate(s), s).toBeNull();
  });

  it('text of a cell: trimmed, ="…" undone, numbers as digits', () => {
    expect(cellText('  张三\u3000')).toBe('张三');
    expect(cellText('="620902199001011234"')).toBe('620902199001011234');
    expect(cellText(13800000000)).toBe('13800000000');
    expect(cellText(null)).toBe('');
  });

  it('spots ID numbers Excel turned into numbers', () => {
    expect(looksLikeExcelNumber(620902199001011200)).toBe(true);
    expect(looksLikeExcelNumber('6.20902E+17')).toBe(true);
    expect(looksLikeExcelNumber('620902199001011234')).toBe(false);
    expect(looksLikeExcelNumber(12345678)).toBe(false);
  });

  it('areas and lists', () => {
    expect(parseArea('85.5㎡')).toBe(85.5);
    expect(parseArea('90平方米')).toBe(90);
    expect(parseArea(60)).toBe(60);
    expect(parseArea('0')).toBeNull();
    expect(parseArea('很大')).toBeNull();
    expect(splitList('独居、低保，空巢;残疾 / 大病')).toEqual(['独居', '低保', '空巢', '残疾', '大病']);
  });
});
