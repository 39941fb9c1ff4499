/**
 * Reading one spreadsheet cell as the value a field needs. Cells come from CSV (always
 * text) or from .xlsx (text, numbers, dates, booleans, rich text and formulas are folded
 * into these by the reader before they get here).
 */
export type Cell = string | number | boolean | Date | null;

/** The text of a cell as people see it: trimmed, Excel's ="…" text trick undone. */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'string') {
    // Most cells need nothing done: they begin and end with a printable ASCII or CJK character, and do not begin with '='.
    if (c === '' || (plain(c.charCodeAt(0)) && plain(c.charCodeAt(c.length - 1)) && c.charCodeAt(0) !== 61)) return c;
  } else {
    if (c instanceof Date) return isoDay(c);
    if (typeof c === 'number') return String(c);
    if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
  }
  const t = c.replace(/^[\s\u3000\uFEFF]+|[\s\u3000]+$/g, '');
  const m = /^="(.*)"$/.exec(t);
  return m ? m[1].trim() : t;
}

const plain = (x: number) => (x > 0x20 && x < 0x7f) || (x >= 0x4e00 && x <= 0x9fff);

export const isBlank = (c: Cell) => cellText(c) === '';

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');

function ymd(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2200 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

// Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29).
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date cell as 'YYYY-MM-DD', or null if it is not a date. Accepts Excel dates (date
 * cells and bare serial numbers), 2024-01-31, 2024/1/31, 2024.1.31, 2024年1月31日, 20240131.
 */
export function parseDate(c: Cell): string | null {
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : ymd(c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate());
  if (typeof c === 'number') {
    if (Number.isInteger(c) && c >= 19000101 && c <= 22001231) return ymd(Math.floor(c / 10000), Math.floor(c / 100) % 100, c % 100);
    if (c >= 1 && c < 2958466) {
      const d = new Date(EXCEL_EPOCH + Math.floor(c) * 86400000);
      return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    }
    return null;
  }
  const t = cellText(c).replace(/[\uFF10-\uFF19]/g, (x) => String.fromCharCode(x.charCodeAt(0) - 0xfee0));
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]0{1,2}:0{1,2}(?::0{1,2})?)?$/.exec(t);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  return null;
}

export function todayIso(today: Date): string {
  return isoDay(today);
}

/** A positive area in square metres (numeric(8,2)); units such as ㎡/平方米/平 are tolerated. */
export function parseArea(c: Cell): number | null {
  const n = typeof c === 'number' ? c : Number(cellText(c).replace(/(㎡|m²|m2|平方米|平米|平)$/i, '').trim());
  if (!Number.isFinite(n) || n <= 0 || n >= 1_000_000) return null;
  return Math.round(n * 100) / 100;
}

/** Splits a tags cell: 、 , ， ; ； / and spaces all separate. */
export function splitList(c: Cell): string[] {
  return cellText(c).split(/[、,，;；/|\s]+/).map((s) => s.trim()).filter(Boolean);
}

/**
 * An identity number as Excel may have mangled it: a number cell (15+ digits no longer
 * fit a double, so the last digits became zeros) or the scientific text a CSV saved from
 * such a cell holds ("6.20902E+17").
 */
export function looksLikeExcelNumber(c: Cell): boolean {
  if (typeof c === 'number') return !Number.isSafeInteger(c) || c >= 1e15;
  return /^\d(\.\d+)?[eE]\+?\d+$/.test(cellText(c));
}
