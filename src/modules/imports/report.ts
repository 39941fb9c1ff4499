import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { COLUMNS } from './columns.js';
import {
  GENDER_LABELS, ID_TYPE_LABELS, POLITICAL_LABELS, REGISTRATION_LABELS, RELATION_LABELS, TENURE_LABELS,
} from '../residents/rules.js';
import type { Cell } from './values.js';

export const REASON_HEADER = '错误原因';
export const ROW_HEADER = '原行号';

/**
 * The rejected rows of an import as an .xlsx: the original columns and cells as they were
 * (so the sheet can be corrected and imported again), the reason in Chinese beside each,
 * and the row number in the original file. Streamed to a temp file row by row, so a
 * million rejected rows never sit in memory.
 */
export class ErrorReport {
  readonly file = path.join(os.tmpdir(), `gongzhi-import-errors-${crypto.randomBytes(8).toString('hex')}.xlsx`);
  count = 0;
  private readonly wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: this.file, useStyles: true, useSharedStrings: false });
  private readonly ws: ExcelJS.Worksheet;
  private readonly width: number;

  constructor(labels: string[]) {
    this.width = labels.length;
    this.ws = this.wb.addWorksheet('未导入的行');
    this.ws.columns = [
      ...labels.map((h) => ({ header: h, width: Math.max(10, Math.min(24, h.length * 3)) })),
      { header: REASON_HEADER, width: 60 }, { header: ROW_HEADER, width: 8 },
    ];
    const head = this.ws.getRow(1);
    head.font = { bold: true };
    head.getCell(this.width + 1).font = { bold: true, color: { argb: 'FFC00000' } };
    head.commit();
  }

  add(rowNo: number, cells: Cell[], reason: string): void {
    const values: Cell[] = new Array(this.width + 2).fill(null);
    for (let i = 0; i < this.width && i < cells.length; i++) values[i] = cells[i];
    values[this.width] = reason;
    values[this.width + 1] = rowNo;
    const row = this.ws.addRow(values);
    row.getCell(this.width + 1).font = { color: { argb: 'FFC00000' } };
    row.commit();
    this.count++;
  }

  /** The finished workbook's bytes; the temp file is removed. */
  async finish(): Promise<Buffer> {
    try {
      this.ws.commit();
      await this.wb.commit();
      return await fs.promises.readFile(this.file);
    } finally {
      await fs.promises.rm(this.file, { force: true });
    }
  }

  async discard(): Promise<void> {
    try {
      this.ws.commit();
      await this.wb.commit();
    } catch { /* already broken: only the file matters */ }
    await fs.promises.rm(this.file, { force: true });
  }
}

const list = (labels: Record<string, { zh: string }>) => `"${Object.values(labels).map((l) => l.zh).join(',')}"`;

/** The import template: the data sheet (headers, text-formatted ID/phone columns, drop-down lists) and a 说明 sheet. */
export async function templateXlsx(uploadLimitMb: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongzhi 共治';
  const ws = wb.addWorksheet('居民信息', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width + 2 }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFDE9D9' : 'FFEFEFEF' } };
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    cell.note = c.note;
    const col = ws.getColumn(i + 1);
    // Text format keeps 18-digit ID numbers and phone numbers exactly as typed.
    if (c.key === 'idNumber' || c.key === 'phone' || c.key === 'gridCode' || c.key === 'room') col.numFmt = '@';
    if (c.key === 'birthDate' || c.key === 'arrivalDate') col.numFmt = 'yyyy-mm-dd';
  });
  const lists: Partial<Record<string, string>> = {
    idType: list(ID_TYPE_LABELS), gender: list(GENDER_LABELS), politicalStatus: list(POLITICAL_LABELS),
    registrationType: list(REGISTRATION_LABELS), relation: list(RELATION_LABELS), tenure: list(TENURE_LABELS),
  };
  COLUMNS.forEach((c, i) => {
    const f = lists[c.key];
    if (!f) return;
    const letter = ws.getColumn(i + 1).letter;
    (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations.add(`${letter}2:${letter}5001`, {
      type: 'list', allowBlank: true, formulae: [f], showErrorMessage: false,
    });
  });

  const help = wb.addWorksheet('说明');
  help.columns = [{ header: '列名', width: 14 }, { header: '必填', width: 6 }, { header: '填写说明', width: 90 }, { header: '示例', width: 22 }];
  help.getRow(1).font = { bold: true };
  for (const c of COLUMNS) help.addRow([c.header, c.required ? '是' : '', c.note, c.example]);
  help.addRow([]);
  for (const line of [
    '1. 请在“居民信息”工作表中每行填写一位居民；表头以上可以保留标题行，系统会自动识别表头（也接受“身份证号”“联系电话”等常见列名）。',
    '2. 证件号码是居民的唯一标识：重复导入同一文件不会产生重复记录，已有居民按证件号码更新；文件中同一证件号码出现多次时只导入第一次出现的行。',
    '3. 留空的单元格不会清除系统中已有的信息。',
    '4. 同一住址（小区+楼栋+单元+门牌号，或街路巷+门牌号）的居民归为一户。',
    `5. 支持 .xlsx 和 .csv（UTF-8 或 GBK 编码）文件，网页上传不超过 ${uploadLimitMb} MB。`,
    '6. 有问题的行不会导入，可下载“错误报告”，按“错误原因”修改后重新导入这些行。',
  ]) help.addRow([line]).getCell(1).alignment = { wrapText: false };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
