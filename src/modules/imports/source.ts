import fs from 'node:fs';
import { Readable } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { AppError, type Msg } from '../../core/errors.js';
import type { Cell } from './values.js';

/**
 * Where an import file's bytes come from (an upload kept in memory, or a file on disk for
 * the CLI), what kind of file it really is (by its bytes, not its name), and its rows as
 * arrays of cells, streamed: neither format is ever held as a whole parsed sheet.
 */
export type FileFormat = 'xlsx' | 'csv';
export type Input = { kind: 'buffer'; data: Buffer } | { kind: 'file'; path: string };
export interface Declared { filename?: string | null; contentType?: string | null }
export interface RawRow { sheet: number; sheetName: string; rowNo: number; cells: Cell[] }

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const fileError = (code: string, msg: Msg) => new AppError(code, 400, msg);
const NOT_SPREADSHEET = (why: Msg) => fileError('NOT_A_SPREADSHEET', {
  zh: `不是可导入的电子表格：${why.zh}。请上传 .xlsx 或 .csv 文件（可下载导入模板）`,
  en: `Not a spreadsheet that can be imported: ${why.en}. Upload an .xlsx or .csv file (the import template is available)`,
});
export const DAMAGED = (detail?: string) => fileError('FILE_DAMAGED', {
  zh: `文件已损坏或不完整（可能上传或复制中断）${detail ? `：${detail}` : ''}。请重新保存后再导入`,
  en: `The file is damaged or incomplete (an interrupted upload or copy?)${detail ? `: ${detail}` : ''}. Save it again and retry`,
});

async function readRange(input: Input, from: 'head' | 'tail', n: number): Promise<Buffer> {
  if (input.kind === 'buffer') return from === 'head' ? input.data.subarray(0, n) : input.data.subarray(Math.max(0, input.data.length - n));
  const fh = await fs.promises.open(input.path, 'r');
  try {
    const { size } = await fh.stat();
    const len = Math.min(n, size);
    const buf = Buffer.alloc(len);
    await fh.read(buf, 0, len, from === 'head' ? 0 : size - len);
    return buf;
  } finally {
    await fh.close();
  }
}

export async function inputSize(input: Input): Promise<number> {
  return input.kind === 'buffer' ? input.data.length : (await fs.promises.stat(input.path)).size;
}

const startsWith = (b: Buffer, ...bytes: number[]) => bytes.every((x, i) => b[i] === x);

/** Decides the format from the bytes; refuses whatever is not an .xlsx workbook or a text table. */
export async function sniff(input: Input, declared: Declared): Promise<FileFormat> {
  const head = await readRange(input, 'head', 4096);
  if (head.length === 0) throw fileError('EMPTY_FILE', { zh: '文件为空', en: 'The file is empty' });
  const saysXlsx = /\.xlsx$/i.test(declared.filename ?? '') || (declared.contentType ?? '').startsWith(XLSX_MIME);
  if (startsWith(head, 0x50, 0x4b, 0x03, 0x04)) {
    // The zip directory sits at the very end: a file cut short has none.
    const tail = await readRange(input, 'tail', 65557);
    if (tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < 0) throw DAMAGED();
    if (!head.includes(Buffer.from('[Content_Types].xml')) && !(await zipHasWorkbook(input)))
      throw NOT_SPREADSHEET({ zh: '这是一个压缩包而不是 Excel 工作簿', en: 'this is a zip archive, not an Excel workbook' });
    return 'xlsx';
  }
  if (startsWith(head, 0xd0, 0xcf, 0x11, 0xe0))
    throw NOT_SPREADSHEET({ zh: '不支持旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx', en: 'the old .xls format is not supported; save it as .xlsx' });
  if (saysXlsx) throw NOT_SPREADSHEET({ zh: '文件名或类型是 .xlsx，但内容不是 Excel 工作簿', en: 'it is named or typed .xlsx but its content is not an Excel workbook' });
  if (looksBinary(head)) throw NOT_SPREADSHEET({ zh: '文件内容不是文本表格', en: 'its content is not a text table' });
  return 'csv';
}

async function zipHasWorkbook(input: Input): Promise<boolean> {
  const tail = await readRange(input, 'tail', 1 << 20);
  return tail.includes(Buffer.from('xl/workbook.xml'));
}

function looksBinary(head: Buffer): boolean {
  if (startsWith(head, 0xff, 0xfe) || startsWith(head, 0xfe, 0xff)) return false; // UTF-16 text
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > head.length / 50;
}

// ── CSV ──

export type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, UTF-16 by its BOM, otherwise GB18030 (a superset of GBK). */
export function detectEncoding(head: Buffer, complete: boolean): Encoding {
  if (startsWith(head, 0xef, 0xbb, 0xbf)) return 'utf8';
  if (startsWith(head, 0xff, 0xfe)) return 'utf16le';
  if (startsWith(head, 0xfe, 0xff)) return 'utf16be';
  const decoder = () => new TextDecoder('utf-8', { fatal: true });
  // The sample may end inside a multi-byte character; try it without its last bytes.
  for (let cut = 0; cut <= (complete ? 0 : 3); cut++) {
    try {
      decoder().decode(head.subarray(0, head.length - cut));
      return 'utf8';
    } catch { /* try shorter */ }
  }
  return 'gb18030';
}

export function detectDelimiter(sample: string): string {
  const lines = sample.split(/\r?\n/).slice(0, 10);
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const n = lines.reduce((s, l) => s + l.split(d).length - 1, 0);
    if (n > bestCount) { best = d; bestCount = n; }
  }
  return best;
}

function byteStream(input: Input): Readable {
  if (input.kind === 'file') return fs.createReadStream(input.path, { highWaterMark: 1 << 18 });
  const data = input.data;
  // Chunks, so parsing a large upload leaves the event loop turns between them.
  return Readable.from((function* () { for (let i = 0; i < data.length; i += 1 << 18) yield data.subarray(i, i + (1 << 18)); })(), { objectMode: false });
}

export interface CsvInfo { encoding: Encoding; delimiter: string }

export async function csvInfo(input: Input): Promise<CsvInfo> {
  const size = await inputSize(input);
  const head = await readRange(input, 'head', 65536);
  const encoding = detectEncoding(head, head.length >= size);
  return { encoding, delimiter: detectDelimiter(iconv.decode(head, encoding)) };
}

export async function* csvRows(input: Input, info: CsvInfo): AsyncGenerator<RawRow> {
  const parser = byteStream(input).pipe(iconv.decodeStream(info.encoding)).pipe(csvParse({
    delimiter: info.delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true,
  }));
  let rowNo = 0;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) yield { sheet: 0, sheetName: 'csv', rowNo: ++rowNo, cells: rec };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw DAMAGED(`CSV 第 ${rowNo + 1} 行附近：${(e as Error).message}`);
  } finally {
    parser.destroy();
  }
}

// ── XLSX ──

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in o) return cellValue(o.result);
    if ('text' in o) return cellValue(o.text);
    if ('error' in o || 'formula' in o || 'sharedFormula' in o) return null;
  }
  return String(v);
}

/**
 * exceljs' streaming reader can wait forever on a damaged zip (an entry whose data is
 * garbage: no error, no end). Each step of the reader races a watchdog: once the whole
 * file has been read, a step taking more than `afterEndMs` means it is stuck; while
 * reading, so does `idleMs` without a single byte read.
 */
export const WATCHDOG = { afterEndMs: 5_000, idleMs: 60_000 };

function watch(source: Readable) {
  let last = Date.now();
  let ended = false;
  source.on('data', () => { last = Date.now(); });
  source.on('end', () => { ended = true; });
  return async function step<T>(p: Promise<T>): Promise<T> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        const now = Date.now();
        if ((ended && now - Math.max(started, last) > WATCHDOG.afterEndMs) || now - last > WATCHDOG.idleMs) reject(DAMAGED());
      }, Math.min(500, WATCHDOG.afterEndMs));
    });
    try {
      return await Promise.race([p, stuck]);
    } finally {
      clearInterval(timer);
    }
  };
}

/** Rows of every visible worksheet, in workbook order; cells as text, numbers, dates or booleans. */
export async function* xlsxRows(input: Input): AsyncGenerator<RawRow> {
  const stream = byteStream(input);
  const step = watch(stream);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  });
  type Sheet = { name?: string; state?: string } & AsyncIterable<{ number: number; values: unknown[] }>;
  const sheets = (reader as unknown as AsyncIterable<Sheet>)[Symbol.asyncIterator]();
  let sheet = 0;
  try {
    for (let ws = await step(sheets.next()); !ws.done; ws = await step(sheets.next())) {
      const w = ws.value;
      sheet++;
      const rows = w[Symbol.asyncIterator]();
      const visible = !w.state || w.state === 'visible';
      for (let r = await step(rows.next()); !r.done; r = await step(rows.next())) {
        if (!visible) continue;
        const values = r.value.values;
        const cells: Cell[] = new Array(Math.max(0, values.length - 1));
        for (let i = 1; i < values.length; i++) cells[i - 1] = cellValue(values[i]);
        yield { sheet, sheetName: w.name ?? `Sheet${sheet}`, rowNo: r.value.number, cells };
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw DAMAGED((e as Error).message?.slice(0, 200));
  } finally {
    stream.destroy();
  }
}
