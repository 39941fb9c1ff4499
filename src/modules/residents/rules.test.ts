import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from '../../core/crypto.js';
import {
  ageOn, ageTags, anonymizedBirthDate, bornOnOrBefore, checkIdentity, classifySearch, fromLabel, idCheckChar, identityKey, identityKeysFor,
  isIsoDate, manualTagsProblem, normalizeIdNumber, normalizePhone, parseIdCard, parseTagFilter, residentTags, RELATION_LABELS,
} from './rules.js';

const TODAY = new Date(Date.UTC(2026, 4, 15)); // 2026-05-15
const valid = (first17: string) => first17 + idCheckChar(first17);

describe('ID card numbers (GB 11643)', () => {
  it('computes the check character, including X', () => {
    // Published example: 11010519491231002X.
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(parseIdCard('11010519491231002X', TODAY)).toEqual({ birthDate: '1949-12-31', gender: 'female', divisionCode: '110105' });
    expect(idCheckChar('44052418800101001')).toBe('4');
  });

  it('rejects a wrong check digit, a wrong length, a non-date and a future date', () => {
    const id = valid('62090219800506001');
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect('problem' in parseIdCard(id, TODAY)).toBe(false);
    expect(parseIdCard(wrong, TODAY)).toMatchObject({ problem: { en: 'the ID number check digit is wrong' } });
    expect(parseIdCard(id.slice(0, 17), TODAY)).toMatchObject({ problem: { en: expect.stringContaining('18 characters') } });
    expect(parseIdCard(valid('62090219800230001'), TODAY)).toMatchObject({ problem: { en: expect.stringContaining('not a real date') } });
    expect(parseIdCard(valid('62090218991231001'), TODAY)).toMatchObject({ problem: { en: expect.stringContaining('not a real date') } });
    expect(parseIdCard(valid('62090220260516001'), TODAY)).toMatchObject({ problem: { en: expect.stringContaining('future') } });
    expect('problem' in parseIdCard(valid('62090220260515001'), TODAY)).toBe(false);
    expect('problem' in parseIdCard(valid('62090220000229001'), TODAY)).toBe(false); // a leap day
  });

  it('the 17th digit gives the gender (odd: male)', () => {
    expect(parseIdCard(valid('62090219800506001'), TODAY)).toMatchObject({ gender: 'male' });
    expect(parseIdCard(valid('62090219800506002'), TODAY)).toMatchObject({ gender: 'female' });
  });

  it('checkIdentity derives and cross-checks birth date and gender', () => {
    const id = valid('62090219800506001');
    expect(checkIdentity({ idType: 'idCard', idNumber: id }, TODAY)).toEqual({ identity: { idNumber: id, gender: 'male', birthDate: '1980-05-06' }, problems: {} });
    const mismatch = checkIdentity({ idType: 'idCard', idNumber: id, gender: 'female', birthDate: '1980-05-07' }, TODAY);
    expect(Object.keys(mismatch.problems).sort()).toEqual(['birthDate', 'gender']);
    expect(mismatch.problems.gender!.zh).toContain('男');
    expect(checkIdentity({ idType: 'idCard', idNumber: id.slice(0, 17) + 'Y' }, TODAY)).toMatchObject({ problems: { idNumber: expect.anything() } });
  });

  it('normalizes spaces, full-width characters and a lower-case x', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(checkIdentity({ idType: 'idCard', idNumber: '110105 19491231 002x' }, TODAY).identity?.idNumber).toBe('11010519491231002X');
  });

  it('other documents: shape only, stated gender and birth date kept, future birth date refused', () => {
    expect(checkIdentity({ idType: 'passport', idNumber: 'e12345678', gender: 'male', birthDate: '1990-01-01' }, TODAY))
      .toEqual({ identity: { idNumber: 'E12345678', gender: 'male', birthDate: '1990-01-01' }, problems: {} });
    expect(checkIdentity({ idType: 'passport', idNumber: 'E1' }, TODAY).problems.idNumber).toBeDefined();
    expect(checkIdentity({ idType: 'hkMacauPermit', idNumber: 'H1234567' }, TODAY).identity?.idNumber).toBe('H1234567');
    expect(checkIdentity({ idType: 'passport', idNumber: 'E12345678', birthDate: '2030-01-01' }, TODAY).problems.birthDate).toBeDefined();
  });

  it('identity keys separate document types; a typed number is looked up under every type', () => {
    expect(identityKey('passport', 'e123 45678')).toBe('passport:E12345678');
    expect(identityKey('idCard', '1')).not.toBe(identityKey('passport', '1'));
    expect(identityKeysFor('E12345678')).toHaveLength(5);
  });
});

describe('phones, dates, search terms', () => {
  it('normalizes mainland mobiles', () => {
    expect(normalizePhone('138-1234-5678')).toBe('13812345678');
    expect(normalizePhone('+86 138 1234 5678')).toBe('13812345678');
    expect(normalizePhone('12812345678')).toBeNull();
    expect(normalizePhone('1381234567')).toBeNull();
  });

  it('isIsoDate: real dates from 1900, not after a bound', () => {
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2001-02-29')).toBe(false);
    expect(isIsoDate('1899-12-31')).toBe(false);
    expect(isIsoDate('2026-05-16', TODAY)).toBe(false);
  });

  it('classifies a search text: phone, document number, or part of a name', () => {
    expect(classifySearch('138 1234 5678')).toEqual({ kind: 'identity', idNumber: '13812345678', phone: '13812345678' });
    expect(classifySearch('11010519491231002x')).toEqual({ kind: 'identity', idNumber: '11010519491231002X', phone: null });
    expect(classifySearch('E12345678')).toMatchObject({ kind: 'identity' });
    expect(classifySearch(' 张 ')).toEqual({ kind: 'name', text: '张' });
    expect(classifySearch('Zhang Wei')).toEqual({ kind: 'name', text: 'Zhang Wei' });
    expect(classifySearch('ABCDEF')).toEqual({ kind: 'name', text: 'ABCDEF' });
    expect(classifySearch('   ')).toBeNull();
  });
});

describe('masking', () => {
  it('names, ID numbers and phones', () => {
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('李丰')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('王')).toBe('王');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('E12345678')).toBe('E1*******');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('age and tags', () => {
  it('age turns on the birthday, not the day before', () => {
    expect(ageOn('1966-05-15', TODAY)).toBe(60);
    expect(ageOn('1966-05-16', TODAY)).toBe(59);
    expect(ageOn('1966-05-14', TODAY)).toBe(60);
    expect(ageOn('2000-02-29', new Date(Date.UTC(2026, 1, 28)))).toBe(25);
    expect(ageOn('2000-02-29', new Date(Date.UTC(2026, 2, 1)))).toBe(26);
  });

  it('age60 / age80 at their birthdays', () => {
    expect(ageTags('1966-05-15', TODAY)).toEqual(['age60']);
    expect(ageTags('1966-05-16', TODAY)).toEqual([]);
    expect(ageTags('1946-05-15', TODAY)).toEqual(['age60', 'age80']);
    expect(ageTags('1946-05-16', TODAY)).toEqual(['age60']);
    expect(ageTags(null, TODAY)).toEqual([]);
    expect(residentTags(['veteran'], '1946-05-15', TODAY)).toEqual(['veteran', 'age60', 'age80']);
  });

  it('bornOnOrBefore agrees with ageOn at the boundary', () => {
    const bound = bornOnOrBefore(60, TODAY);
    expect(bound).toBe('1966-05-15');
    expect(ageOn(bound, TODAY)).toBe(60);
    const nextDay = new Date(Date.UTC(1966, 4, 16)).toISOString().slice(0, 10);
    expect(ageOn(nextDay, TODAY)).toBe(59);
  });

  it('manual tags: known ones only, no age tags, no repeats', () => {
    expect(manualTagsProblem(['veteran', 'disabled'])).toBeNull();
    expect(manualTagsProblem(['age60'])!.en).toContain('birth date');
    expect(manualTagsProblem(['x'])!.en).toContain('unknown');
    expect(manualTagsProblem(['veteran', 'veteran'])!.en).toContain('repeated');
  });

  it('tag filters split into stored tags and age bounds', () => {
    expect(parseTagFilter('veteran, age80,disabled,veteran')).toEqual({ manual: ['veteran', 'disabled'], age: ['age80'] });
    expect(parseTagFilter('')).toEqual({ manual: [], age: [] });
    expect('problem' in parseTagFilter('veteran,bogus')).toBe(true);
  });

  it('anonymization keeps the birth year only', () => {
    expect(anonymizedBirthDate('1962-08-09')).toBe('1962-01-01');
    expect(anonymizedBirthDate(null)).toBeNull();
  });

  it('labels accept Chinese words, aliases and keys', () => {
    expect(fromLabel(RELATION_LABELS, '妻子')).toBe('spouse');
    expect(fromLabel(RELATION_LABELS, '户主')).toBe('head');
    expect(fromLabel(RELATION_LABELS, 'childInLaw')).toBe('childInLaw');
    expect(fromLabel(RELATION_LABELS, '邻居')).toBeNull();
  });
});
