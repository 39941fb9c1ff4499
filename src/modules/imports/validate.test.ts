import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../residents/rules.js';
import type { FieldKey } from './columns.js';
import { validateRow, type OrgRef, type RowRules } from './validate.js';
import type { Cell } from './values.js';

const id = (birth: string, seq: string) => { const f = `620902${birth}${seq}`; return f + idCheckChar(f); };
const community: OrgRef = { id: 6, path: '/1/6/', level: 'community', code: '620902001001', communityId: 6, communityPath: '/1/6/' };
const grid: OrgRef = { id: 7, path: '/1/6/7/', level: 'grid', code: '620902001001001', communityId: 6, communityPath: '/1/6/' };
const street: OrgRef = { id: 5, path: '/1/5/', level: 'street', code: '620902001', communityId: null, communityPath: null };
const rules = (importOrg: OrgRef = community): RowRules => ({
  importOrg, orgsByCode: new Map([[community.code, community], [grid.code, grid]]), today: new Date(Date.UTC(2026, 0, 1)),
});
const check = (cells: Partial<Record<FieldKey, Cell>>, r = rules()) => validateRow(9, (k) => cells[k] ?? null, r);
const reasons = (cells: Partial<Record<FieldKey, Cell>>, r = rules()) => {
  const x = check(cells, r);
  return 'reasons' in x ? x.reasons.map((m) => m.zh) : [];
};

describe('a valid row', () => {
  it('fills gender and birth date from the ID card and reads the words people type', () => {
    const r = check({
      name: ' 张  三 ', idNumber: id('19580312', '011'), phone: '+86 138-0000-0000', politicalStatus: '党员', registrationType: '流动',
      arrivalDate: '2020/5/1', relation: '本人', estate: '富康小区', building: '３号楼', unit: '2单元', room: '301', area: '85㎡', tenure: '自住',
      tags: '独居、低保、60岁以上', gridCode: grid.code,
    });
    expect('ok' in r && r.ok).toMatchObject({
      name: '张 三', idType: 'idCard', gender: 'male', birthDate: '1958-03-12', phone: '13800000000', politicalStatus: 'partyMember',
      registrationType: 'migrant', arrivalDate: '2020-05-01', relation: 'head', area: 85, tenure: 'owned', tags: ['livingAlone', 'subsistence'],
      orgExplicit: true, place: { estate: '富康小区', building: '3号楼', unit: '2单元', room: '301', text: '富康小区 3号楼 2单元' },
    });
    expect('ok' in r && r.ok.org.id).toBe(grid.id);
    expect('ok' in r && r.ok.identity).toBe(`idCard:${id('19580312', '011')}`);
  });

  it('other documents need the gender; a row without an address files under the import org', () => {
    const r = check({ name: 'John', idType: '护照', idNumber: 'e1234567', gender: '男性' });
    expect('ok' in r && r.ok).toMatchObject({ idType: 'passport', idNumber: 'E1234567', gender: 'male', place: null, orgExplicit: false });
    expect(reasons({ name: 'John', idType: '护照', idNumber: 'E1234567' })).toEqual(['性别：非居民身份证须填写性别']);
  });
});

describe('rejected rows say why, in Chinese and English', () => {
  it('names every problem of the row', () => {
    const r = check({ name: '', idNumber: id('19900101', '123').slice(0, 17) + 'Y', phone: '12345', gender: '未知' });
    expect('reasons' in r && r.reasons.map((m) => m.zh)).toEqual([
      '姓名：不能为空', '性别：无法识别，可填写：男、女', '证件号码：居民身份证号码应为 18 位（最后一位可为 X）', '手机号码：应为 11 位手机号码',
    ]);
    expect('reasons' in r && r.reasons[3].en).toBe('phone: must be an 11-digit mobile number');
  });

  it('an ID number Excel stored as a number', () => {
    expect(reasons({ name: '甲', idNumber: 620902199001011200 })[0]).toContain('被 Excel 存成了数字');
    expect(reasons({ name: '甲', idNumber: '6.20902E+17' })[0]).toContain('被 Excel 存成了数字');
  });

  it('cross-checks gender and birth date with the ID card', () => {
    expect(reasons({ name: '甲', idNumber: id('19700101', '071'), gender: '女', birthDate: '1970-01-02' }))
      .toEqual(['性别：与身份证号码不符（号码表明为男）', '出生日期：与身份证号码不符（号码表明为 1970-01-01）']);
  });

  it('dates, tags, arrival only for migrants', () => {
    const x = { name: '甲', idNumber: id('19700101', '071') };
    expect(reasons({ ...x, birthDate: '1970-13-01' })).toEqual(['出生日期：无法识别的日期（示例：1990-01-31）']);
    expect(reasons({ ...x, arrivalDate: '2020-01-01' })[0]).toContain('仅流动人口填写');
    expect(reasons({ ...x, tags: '独居、火星人' })).toEqual(['标签：“火星人”不是可用的标签']);
    expect(reasons({ ...x, politicalStatus: '无党派人士' })[0]).toContain('政治面貌：无法识别');
  });

  it('addresses hold together', () => {
    const x = { name: '甲', idNumber: id('19700101', '071') };
    expect(reasons({ ...x, building: '1号楼' })).toEqual(['楼栋：须同时填写小区或街路巷']);
    expect(reasons({ ...x, estate: '富康小区', street: '东关村' })).toEqual(['街路巷：小区内的户不填街路巷（与小区二选一）']);
    expect(reasons({ ...x, estate: '富康小区', unit: '1单元' })).toEqual(['单元：须同时填写楼栋']);
    expect(reasons({ ...x, relation: '户主' })).toEqual(['与户主关系：须同时填写住址（小区或街路巷）']);
    expect(reasons({ ...x, estate: '小'.repeat(101) })[0]).toContain('不能超过 100 个字');
  });

  it('grid codes must be under the import org; a street import needs one on every row', () => {
    const x = { name: '甲', idNumber: id('19700101', '071') };
    expect(reasons({ ...x, gridCode: '620902002001001' })[0]).toContain('不是本次导入组织之下');
    expect(reasons(x, rules(street))[0]).toContain('导入到街道时');
    expect('ok' in check({ ...x, gridCode: grid.code }, rules(street))).toBe(true);
  });
});
