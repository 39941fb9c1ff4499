import fs from 'node:fs';
import { once } from 'node:events';
import { idCheckChar } from '../../src/modules/residents/rules.js';
import { Draw, ETHNICITIES, personName } from './names.js';

/**
 * A resident import file in the template's columns (src/modules/imports/columns.ts),
 * seeded and deterministic: households of 1–5 people in estates → buildings → units of
 * the given grids, valid ID numbers (GB 11643 check digit), phones for 90%.
 */
export const CSV_HEADER = ['姓名', '证件类型', '证件号码', '性别', '出生日期', '民族', '手机号码', '政治面貌', '户籍类型', '来本地日期', '与户主关系', '小区', '楼栋', '单元', '门牌号', '街路巷', '居住面积', '房屋性质', '标签', '网格编码'];
const RELATIONS = ['户主', '配偶', '子女', '子女', '父母'];
const DAY0 = Date.UTC(2026, 10, 1) / 86_400_000;
const iso = (days: number) => new Date(days * 86_400_000).toISOString().slice(0, 10);

export async function writeResidentCsv(file: string, o: { rows: number; seed: number; gridCodes: string[]; prefix: string }): Promise<{ rows: number; bytes: number }> {
  const d = new Draw(o.seed);
  const out = fs.createWriteStream(file);
  const used = new Set<number>();
  let buf: string[] = [CSV_HEADER.join(',')];
  let n = 0;
  for (let h = 0; n < o.rows; h++) {
    const grid = o.gridCodes[Math.floor(h / 600) % o.gridCodes.length]; // one estate, one grid
    const estate = `幸福${Math.floor(h / 600) % 50}小区`;
    const building = `${Math.floor(h / 40) % 15 + 1}号楼`;
    const unit = `${Math.floor(h / 20) % 2 + 1}单元`;
    const room = `${Math.floor(h / 2) % 10 + 1}0${h % 2 + 1}`;
    // Each household lives at one address: the estate index advances with h, so no two collide.
    const estateKey = `${estate}${Math.floor(h / 30000)}`;
    const size = Math.min(o.rows - n, [1, 2, 2, 3, 3, 3, 4, 5][d.int(0, 7)]);
    const headAge = d.int(24, 85);
    for (let m = 0; m < size; m++, n++) {
      const age = m === 0 ? headAge : m === 1 ? headAge + d.int(-3, 3) : m < 4 ? Math.max(0, headAge - d.int(22, 35)) : headAge + d.int(22, 28);
      const days = DAY0 - Math.min(104, age) * 365 - d.int(0, 364);
      const male = d.chance(50);
      let seq = d.int(0, 498) * 2 + (male ? 1 : 0);
      while (used.has(days * 1000 + seq)) seq = (seq + 2) % 1000;
      used.add(days * 1000 + seq);
      const first17 = `${o.prefix}${iso(days).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      const reg = d.int(0, 99);
      buf.push([
        personName(d), '居民身份证', first17 + idCheckChar(first17), male ? '男' : '女', iso(days), d.pick(ETHNICITIES),
        d.chance(90) ? `139${String(n).padStart(8, '0')}` : '', age < 14 ? '' : d.chance(8) ? '中共党员' : '群众',
        reg < 80 ? '户籍人口' : reg < 95 ? '流动人口' : '新市民', reg >= 80 && reg < 95 ? iso(DAY0 - d.int(30, 2000)) : '',
        RELATIONS[Math.min(m, RELATIONS.length - 1)], estateKey, building, unit, room, '', String(d.int(45, 150)),
        d.chance(80) ? '自有' : '租住', age >= 60 && size === 1 ? '独居' : '', grid,
      ].join(','));
    }
    if (buf.length >= 5000) {
      if (!out.write(buf.join('\n') + '\n')) await once(out, 'drain');
      buf = [];
    }
  }
  out.end(buf.length ? buf.join('\n') + '\n' : '');
  await once(out, 'finish');
  return { rows: n, bytes: fs.statSync(file).size };
}
