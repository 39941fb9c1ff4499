import { describe, expect, it } from 'vitest';
import { COLUMNS, detectHeader, fieldOfHeader, missingColumnsMsg, missingRequired, normalizeHeader } from './columns.js';

describe('header names', () => {
  it('knows the template headers, their aliases and decorated forms', () => {
    for (const c of COLUMNS) expect(fieldOfHeader(c.header), c.header).toBe(c.key);
    expect(fieldOfHeader('身份证号')).toBe('idNumber');
    expect(fieldOfHeader('公民身份号码')).toBe('idNumber');
    expect(fieldOfHeader('联系电话')).toBe('phone');
    expect(fieldOfHeader(' 姓 名* ')).toBe('name');
    expect(fieldOfHeader('出生日期\n(YYYY-MM-DD)')).toBe('birthDate');
    expect(fieldOfHeader('居住面积（平方米）')).toBe('area');
    expect(fieldOfHeader('idNumber')).toBe('idNumber');
    expect(fieldOfHeader('备注')).toBeNull();
    expect(fieldOfHeader(null)).toBeNull();
    expect(normalizeHeader('ＡＢＣ')).toBe('abc');
  });
});

describe('finding the header row', () => {
  it('under a merged title row', () => {
    const h = detectHeader([['富康社区居民登记表'], ['姓名', '身份证号', '手机号'], ['张三', '620902199001011234', '138']]);
    expect(h).toMatchObject({ rowIndex: 1, fields: ['name', 'idNumber', 'phone'] });
  });

  it('with header cells merged down and a group header merged across', () => {
    const rows = [
      ['登记表'],
      ['姓名', '证件号码', '住址', null, null, '标签'],
      [null, null, '小区', '楼栋', '门牌号', null],
      ['张三', '1', '富康小区', '1号楼', '101', '独居'],
    ];
    const h = detectHeader(rows)!;
    expect(h.rowIndex).toBe(2);
    expect(h.fields).toEqual(['name', 'idNumber', 'estate', 'building', 'room', 'tags']);
    expect(h.labels).toEqual(['姓名', '证件号码', '小区', '楼栋', '门牌号', '标签']);
  });

  it('ignores a second column for the same field and unknown columns', () => {
    const h = detectHeader([['姓名', '证件号码', '手机号码', '联系电话', '备注']])!;
    expect(h.fields).toEqual(['name', 'idNumber', 'phone', null, null]);
    expect(h.labels[4]).toBe('备注');
  });

  it('reports missing required columns', () => {
    expect(detectHeader([['名称', '编号'], ['a', 'b']])).toBeNull();
    expect(missingRequired(null)).toEqual(['name', 'idNumber']);
    expect(missingRequired(detectHeader([['姓名', '手机号', '小区']]))).toEqual(['idNumber']);
    const m = missingColumnsMsg(['idNumber'], ['姓名']);
    expect(m.zh).toContain('缺少必需的列 证件号码');
    expect(m.zh).toContain('识别到的列：姓名');
    expect(m.en).toContain('idNumber');
  });
});
