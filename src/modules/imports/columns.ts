import type { Msg } from '../../core/errors.js';

/**
 * The columns of the resident import template, the other names people give them in
 * their own sheets, and finding the header row in a sheet somebody else laid out
 * (title rows above, group headers merged across columns, header cells merged down).
 */
export type FieldKey =
  | 'name' | 'idType' | 'idNumber' | 'gender' | 'birthDate' | 'ethnicity' | 'phone' | 'politicalStatus'
  | 'registrationType' | 'arrivalDate' | 'relation' | 'estate' | 'building' | 'unit' | 'room' | 'street'
  | 'area' | 'tenure' | 'tags' | 'gridCode';

export interface ColumnDef {
  key: FieldKey;
  header: string;
  en: string;
  aliases: string[];
  required?: boolean;
  width: number;
  /** What the 说明 sheet of the template says about the column. */
  note: string;
  example: string;
}

export const COLUMNS: readonly ColumnDef[] = [
  { key: 'name', header: '姓名', en: 'name', aliases: ['居民姓名', '名字', '户成员姓名'], required: true, width: 10, note: '必填，1–50 字', example: '张三' },
  { key: 'idType', header: '证件类型', en: 'idType', aliases: ['证件种类', '证件名称'], width: 14, note: '居民身份证（默认）、护照、港澳居民居住证/通行证、台湾居民居住证/通行证、外国人永久居留身份证', example: '居民身份证' },
  { key: 'idNumber', header: '证件号码', en: 'idNumber', aliases: ['身份证号', '身份证号码', '公民身份号码', '身份证', '证件号'], required: true, width: 22, note: '必填。请把此列设为“文本”格式，否则 Excel 会把 18 位号码存成数字而丢失后几位', example: '620902199001011234' },
  { key: 'gender', header: '性别', en: 'gender', aliases: [], width: 6, note: '男/女；居民身份证可不填（由号码得出），填写时须与号码一致', example: '男' },
  { key: 'birthDate', header: '出生日期', en: 'birthDate', aliases: ['出生年月日', '生日'], width: 12, note: '2024-01-31、2024/1/31 或 2024年1月31日；居民身份证可不填', example: '1990-01-01' },
  { key: 'ethnicity', header: '民族', en: 'ethnicity', aliases: [], width: 8, note: '如 汉族、回族', example: '汉族' },
  { key: 'phone', header: '手机号码', en: 'phone', aliases: ['手机号', '联系电话', '电话', '联系方式', '手机'], width: 14, note: '11 位手机号', example: '13800000000' },
  { key: 'politicalStatus', header: '政治面貌', en: 'politicalStatus', aliases: [], width: 10, note: '中共党员、中共预备党员、共青团员、民主党派、群众', example: '群众' },
  { key: 'registrationType', header: '户籍类型', en: 'registrationType', aliases: ['人口类型', '户籍性质', '人员类型'], width: 10, note: '户籍人口（默认）、流动人口、新市民', example: '户籍人口' },
  { key: 'arrivalDate', header: '来本地日期', en: 'arrivalDate', aliases: ['来本地时间', '来现住地日期', '到达日期', '来本地居住日期'], width: 12, note: '仅流动人口填写', example: '' },
  { key: 'relation', header: '与户主关系', en: 'relation', aliases: ['与户主的关系', '家庭关系', '关系'], width: 10, note: '户主、配偶、子女、父母、孙子女、祖父母、兄弟姐妹、儿媳/女婿、租户、其他', example: '户主' },
  { key: 'estate', header: '小区', en: 'estate', aliases: ['小区名称', '小区名', '所在小区'], width: 14, note: '小区内的户填写；不存在时自动创建', example: '富康小区' },
  { key: 'building', header: '楼栋', en: 'building', aliases: ['楼号', '楼栋号', '栋'], width: 8, note: '须同时填写小区', example: '3号楼' },
  { key: 'unit', header: '单元', en: 'unit', aliases: ['单元号'], width: 8, note: '须同时填写楼栋', example: '2单元' },
  { key: 'room', header: '门牌号', en: 'room', aliases: ['房号', '房间号', '门牌', '户号', '室号'], width: 10, note: '如 301；与小区/楼栋/单元或街路巷一起确定一户', example: '301' },
  { key: 'street', header: '街路巷', en: 'street', aliases: ['街路巷名', '街路巷（村组）', '村组', '道路', '街道路巷'], width: 14, note: '不在小区内的户填写（与小区二选一）', example: '' },
  { key: 'area', header: '居住面积', en: 'area', aliases: ['住房面积', '建筑面积', '面积', '居住面积（平方米）'], width: 10, note: '平方米，如 85.5', example: '85.5' },
  { key: 'tenure', header: '房屋性质', en: 'tenure', aliases: ['住房性质', '居住性质', '房屋类型'], width: 10, note: '自有、租住、公租房、其他', example: '自有' },
  { key: 'tags', header: '标签', en: 'tags', aliases: ['人员类别', '特殊人群', '人员标签'], width: 16, note: '可多个，用顿号或逗号分隔：独居、空巢、残疾、低保、特困、退役军人、留守儿童、留守老人、重点关爱、大病、社区矫正', example: '独居、低保' },
  { key: 'gridCode', header: '网格编码', en: 'gridCode', aliases: ['网格代码', '所属网格编码', '网格编号'], width: 18, note: '可选：本次导入组织之下的网格（或社区）编码；不填则归入导入时选择的组织', example: '' },
];

export const COLUMN_BY_KEY = Object.fromEntries(COLUMNS.map((c) => [c.key, c])) as Record<FieldKey, ColumnDef>;

/** Folds the ways a header cell is decorated: spaces, line breaks, '*' marks, unit notes in brackets, full-width letters. */
export function normalizeHeader(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  return String(raw)
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000*]/g, '')
    .replace(/\([^)]*\)$/, '')
    .toLowerCase();
}

const LOOKUP = new Map<string, FieldKey>();
for (const c of COLUMNS) for (const name of [c.header, c.en, ...c.aliases]) LOOKUP.set(normalizeHeader(name), c.key);

export function fieldOfHeader(raw: unknown): FieldKey | null {
  const h = normalizeHeader(raw);
  if (!h) return null;
  return LOOKUP.get(h) ?? LOOKUP.get(String(raw ?? '').replace(/[\s\u3000*]/g, '').toLowerCase()) ?? null;
}

/** How many of the first rows are searched for the header row. */
export const HEADER_SCAN_ROWS = 10;

export interface HeaderInfo {
  /** Index (in the rows given) of the last header row; data starts below it. */
  rowIndex: number;
  /** Per column: the field it feeds, or null (ignored). */
  fields: (FieldKey | null)[];
  /** Per column: the header text shown in previews and the error report. */
  labels: string[];
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/**
 * The header of a sheet among its first rows. A header cell merged down holds its text
 * in the top cell only, and a group header ("住址") merged across sits above the real
 * ones, so each column takes the lowest recognisable name within the few rows above the
 * candidate row. The candidate that recognises the most columns wins.
 */
export function detectHeader(rows: unknown[][]): HeaderInfo | null {
  let best: (HeaderInfo & { score: number }) | null = null;
  for (let r = 0; r < Math.min(rows.length, HEADER_SCAN_ROWS); r++) {
    const width = Math.max(...rows.slice(Math.max(0, r - 3), r + 1).map((x) => x.length), 0);
    const fields: (FieldKey | null)[] = [];
    const labels: string[] = [];
    const seen = new Set<FieldKey>();
    for (let c = 0; c < width; c++) {
      // The lowest non-blank cell of the band names the column.
      let field: FieldKey | null = null;
      let label = '';
      for (let k = r; k >= Math.max(0, r - 3); k--) {
        const t = text(rows[k][c]);
        if (!t) continue;
        field = fieldOfHeader(t);
        label = t;
        break;
      }
      if (field && seen.has(field)) field = null; // a second 电话 column is ignored
      if (field) seen.add(field);
      fields.push(field);
      labels.push(label || `第${c + 1}列`);
    }
    const score = seen.size;
    if (score >= 2 && (!best || score > best.score)) best = { rowIndex: r, fields, labels, score };
  }
  if (!best) return null;
  const { score: _s, ...info } = best;
  return info;
}

export function missingRequired(h: HeaderInfo | null): FieldKey[] {
  const have = new Set(h?.fields.filter(Boolean) ?? []);
  return COLUMNS.filter((c) => c.required && !have.has(c.key)).map((c) => c.key);
}

export function missingColumnsMsg(missing: FieldKey[], found: string[]): Msg {
  const zh = missing.map((k) => COLUMN_BY_KEY[k].header).join('、');
  const en = missing.map((k) => COLUMN_BY_KEY[k].en).join(', ');
  const seen = found.filter(Boolean).slice(0, 20);
  return {
    zh: `表头不正确：缺少必需的列 ${zh}${seen.length ? `（识别到的列：${seen.join('、')}）` : '（没有识别到任何模板列）'}。请使用导入模板。`,
    en: `Wrong headers: the required column(s) ${en} are missing${seen.length ? ` (recognised: ${seen.join(', ')})` : ' (no template column was recognised)'}. Please use the import template.`,
  };
}
