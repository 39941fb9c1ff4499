import type { Msg } from '../../core/errors.js';
import { HEADER_SCAN_ROWS, detectHeader, missingColumnsMsg, missingRequired, type FieldKey, type HeaderInfo } from './columns.js';
import { csvInfo, csvRows, fileError, xlsxRows, type Encoding, type FileFormat, type Input, type RawRow } from './source.js';
import { fieldColumns, validateCells, type RowResult, type RowRules } from './validate.js';
import { isBlank, type Cell } from './values.js';
import { SeenIds } from './seen.js';

/**
 * A sheet as a table: its header found, its data rows streamed below it. Opening reads
 * only the first rows, so a file with wrong headers is refused before anything happens.
 */
export interface Table {
  format: FileFormat;
  encoding: Encoding | null;
  sheetName: string | null;
  header: HeaderInfo;
  headerRowNo: number;
  /** Column index of each recognised field. */
  index: Partial<Record<FieldKey, number>>;
  rows: AsyncIterable<RawRow>;
  /** Releases the file when the rows are not read to the end. */
  close(): Promise<void>;
}

export async function openTable(input: Input, format: FileFormat): Promise<Table> {
  const info = format === 'csv' ? await csvInfo(input) : null;
  const source = info ? csvRows(input, info) : xlsxRows(input);
  const it = source[Symbol.asyncIterator]();
  let pending: IteratorResult<RawRow> = await it.next();
  let fallback: { header: HeaderInfo | null; missing: FieldKey[] } | null = null;
  while (!pending.done) {
    const sheet = pending.value.sheet;
    const head: RawRow[] = [];
    while (!pending.done && pending.value.sheet === sheet && head.length < HEADER_SCAN_ROWS) {
      head.push(pending.value);
      pending = await it.next();
    }
    const header = detectHeader(head.map((r) => r.cells));
    const missing = missingRequired(header);
    if (header && !missing.length) {
      const rest = head.slice(header.rowIndex + 1);
      let next = pending;
      const rows: AsyncIterable<RawRow> = {
        async *[Symbol.asyncIterator]() {
          try {
            yield* rest;
            while (!next.done && next.value.sheet === sheet) {
              yield next.value;
              next = await it.next();
            }
          } finally {
            await it.return?.(undefined);
          }
        },
      };
      const index: Partial<Record<FieldKey, number>> = {};
      header.fields.forEach((f, i) => { if (f) index[f] = i; });
      return {
        format, encoding: info?.encoding ?? null, sheetName: format === 'xlsx' ? head[0].sheetName : null,
        header, headerRowNo: head[header.rowIndex].rowNo, index, rows,
        close: async () => { await it.return?.(undefined); },
      };
    }
    if (!fallback || (header?.fields.filter(Boolean).length ?? 0) > (fallback.header?.fields.filter(Boolean).length ?? 0)) fallback = { header, missing };
    // Skip what is left of this sheet; the workbook may hold the data on a later one.
    while (!pending.done && pending.value.sheet === sheet) pending = await it.next();
  }
  await it.return?.(undefined);
  if (!fallback) throw fileError('EMPTY_FILE', { zh: '文件中没有任何数据行', en: 'The file has no rows' });
  const found = (fallback.header?.fields ?? []).map((f, i) => (f ? fallback!.header!.labels[i] : '')).filter(Boolean);
  throw fileError('WRONG_HEADERS', missingColumnsMsg(fallback.missing.length ? fallback.missing : ['name', 'idNumber'], found));
}

export interface ScannedRow { rowNo: number; cells: Cell[]; result: RowResult }

export const duplicateMsg = (first: number): Msg => ({
  zh: `证件号码：与第 ${first} 行重复（同一证件号码只导入第一次出现的行）`,
  en: `idNumber: repeats row ${first} (only the first row of an ID number is imported)`,
});

/**
 * The data rows of a table, validated. Blank rows are skipped; a later row with the ID
 * number of an earlier valid row is rejected naming that row.
 */
export async function* scan(table: Table, rules: RowRules, seen = new SeenIds()): AsyncGenerator<ScannedRow> {
  const cols = fieldColumns(table.index);
  let n = 0;
  for await (const raw of table.rows) {
    // A parsed chunk is hundreds of rows handed over without a turn of the event loop; yield
    // now and then so the database's answers (another batch being written) are read promptly.
    if ((++n & 255) === 0) await yieldToLoop();
    const cells = raw.cells;
    let blank = true;
    for (const c of cells) if (c !== null && !isBlank(c)) { blank = false; break; }
    if (blank) continue;
    let result = validateCells(raw.rowNo, cells, cols, rules);
    if ('ok' in result) {
      const first = seen.firstOrAdd(result.ok.identity, raw.rowNo);
      if (first !== undefined) result = { reasons: [duplicateMsg(first)] };
    }
    yield { rowNo: raw.rowNo, cells, result };
  }
}

export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export const reasonText = (reasons: Msg[], lang: 'zh' | 'en' = 'zh') => reasons.map((m) => m[lang]).join(lang === 'zh' ? '；' : '; ');
