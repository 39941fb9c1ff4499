import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { csvInfo, csvRows, detectDelimiter, detectEncoding, sniff, type Input } from './source.js';
import { openTable } from './table.js';

const FIX = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/imports');
const buf = (data: Buffer | string): Input => ({ kind: 'buffer', data: Buffer.from(data) });
const rows = async (input: Input) => {
  const out: unknown[][] = [];
  for await (const r of csvRows(input, await csvInfo(input))) out.push(r.cells);
  return out;
};
const refused = async (p: Promise<unknown>, code: string) => {
  const e = await p.then(() => null, (x) => x);
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  expect((e as AppError).status).toBe(400);
};

describe('what a file is', () => {
  it('goes by the bytes, not the name', async () => {
    expect(await sniff({ kind: 'file', path: path.join(FIX, 'mixed.xlsx') }, { filename: 'x.csv' })).toBe('xlsx');
    expect(await sniff(buf('姓名,证件号码\n'), { filename: 'a.txt' })).toBe('csv');
    await refused(sniff({ kind: 'file', path: path.join(FIX, 'not-a-sheet.xlsx') }, { filename: 'not-a-sheet.xlsx' }), 'NOT_A_SPREADSHEET');
    await refused(sniff({ kind: 'file', path: path.join(FIX, 'truncated.xlsx') }, {}), 'FILE_DAMAGED');
    await refused(sniff(buf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2])), {}), 'NOT_A_SPREADSHEET');
    await refused(sniff(buf(Buffer.from('%PDF-1.7\n\u0000\u0001binary')), {}), 'NOT_A_SPREADSHEET');
    await refused(sniff(buf(''), {}), 'EMPTY_FILE');
  });
});

describe('CSV text', () => {
  it('detects UTF-8 with and without BOM, UTF-16 and GBK', () => {
    expect(detectEncoding(Buffer.from('\ufeff姓名'), true)).toBe('utf8');
    expect(detectEncoding(Buffer.from('姓名,证件号码'), true)).toBe('utf8');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x53, 0x59]), true)).toBe('utf16le');
    expect(detectEncoding(iconv.encode('姓名,证件号码', 'gbk'), true)).toBe('gb18030');
    // A UTF-8 sample cut inside a character is still UTF-8.
    const cut = Buffer.from('姓名姓名').subarray(0, 7);
    expect(detectEncoding(cut, false)).toBe('utf8');
  });

  it('detects the delimiter', () => {
    expect(detectDelimiter('姓名,证件号码\n张三,1')).toBe(',');
    expect(detectDelimiter('姓名\t证件号码\n张三\t1')).toBe('\t');
    expect(detectDelimiter('姓名;证件号码;小区')).toBe(';');
  });

  it('decodes GBK and UTF-16 (Excel "Unicode text") rows, keeps quoted commas and line breaks', async () => {
    expect((await rows({ kind: 'file', path: path.join(FIX, 'gbk.csv') }))[1].slice(0, 2)).toEqual(['欧阳娜娜', expect.stringMatching(/^620902/)]);
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('姓名\t证件号码\r\n张三\t123\r\n', 'utf16le')]);
    expect(await rows(buf(u16))).toEqual([['姓名', '证件号码'], ['张三', '123']]);
    expect(await rows(buf('\ufeff姓名,小区\n"张,三","富康\n小区"\n'))).toEqual([['姓名', '小区'], ['张,三', '富康\n小区']]);
  });
});

describe('tables', () => {
  it('finds the header of a workbook with merged title and header cells', async () => {
    const t = await openTable({ kind: 'file', path: path.join(FIX, 'mixed.xlsx') }, 'xlsx');
    expect(t.headerRowNo).toBe(3);
    expect(t.sheetName).toBe('居民信息');
    expect(t.header.fields.slice(0, 3)).toEqual(['name', 'idType', 'idNumber']);
    let first: unknown[] | null = null;
    for await (const r of t.rows) { first = r.cells; break; }
    expect(first!.slice(0, 3)).toEqual(['张建国', '居民身份证', expect.stringMatching(/^620902/)]);
    expect(first![4]).toBeInstanceOf(Date);
  });

  it('refuses wrong headers naming the missing columns', async () => {
    const e = await openTable({ kind: 'file', path: path.join(FIX, 'wrong-headers.csv') }, 'csv').then(() => null, (x) => x as AppError);
    expect(e?.code).toBe('WRONG_HEADERS');
    expect(e?.msg.zh).toContain('姓名、证件号码');
  });
});
