import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { hoursOf, starLevel } from './rules.js';

/**
 * The printable service record (志愿服务证明): name, star level, total hours and every
 * confirmed activity. Chinese text is set in Noto Sans Hans (OFL-1.1, from
 * @embedpdf/fonts-sc); pdfkit embeds only the glyphs used, so a certificate is small.
 */
const require = createRequire(import.meta.url);
/** The package's entry is dist/index.*; its fonts sit beside dist/. Resolved on first use, so a missing font never stops the server. */
const fontFile = (name: string) => path.join(path.dirname(path.dirname(require.resolve('@embedpdf/fonts-sc'))), 'fonts', name);
const KIND: Record<string, string> = { volunteer: '志愿服务', party: '党员活动', culture: '文体活动' };
const STARS = ['未评星', '一星', '二星', '三星', '四星', '五星'];

const chinaDate = (d: Date) => {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 4)}年${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日`;
};

async function render(v: { name: string; org_name: string; confirmed_minutes: number }, rows: Awaited<ReturnType<typeof repo.serviceRecord>>): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `志愿服务证明 - ${v.name}`, Producer: 'Gongzhi' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  // One weight only: fontkit's CFF subsetting costs most of a certificate's ~1 s, once per embedded font.
  doc.registerFont('zh', fontFile('NotoSansHans-Regular.otf'));
  doc.font('zh').fontSize(24).text('志愿服务证明', { align: 'center' });
  doc.moveDown(1.2);
  const total = hoursOf(v.confirmed_minutes);
  doc.font('zh').fontSize(12).text(
    `兹证明 ${v.name}（${v.org_name}）累计参加志愿服务 ${rows.length} 次，经组织方确认的服务时长共计 ${total} 小时，` +
    `星级：${STARS[starLevel(v.confirmed_minutes)]}志愿者（全国志愿服务星级标准：一星 100 小时，二星 300 小时，三星 600 小时，四星 1000 小时，五星 1500 小时）。`,
    { lineGap: 6 },
  );
  doc.moveDown(1);
  doc.font('zh').fontSize(13).text('服务记录');
  doc.moveDown(0.4);
  const cols = [56, 150, 350, 430, 490];
  const line = (cells: string[], head = false) => {
    const y = doc.y;
    doc.font('zh').fontSize(10);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: (cols[i + 1] ?? 540) - cols[i] - 6 }));
    if (y + Math.max(...heights) > doc.page.height - 80) { doc.addPage(); return line(cells, head); }
    doc.fillColor(head ? '#555555' : '#000000');
    cells.forEach((c, i) => doc.text(c, cols[i], y, { width: (cols[i + 1] ?? 540) - cols[i] - 6 }));
    doc.fillColor('#000000');
    doc.x = 56;
    doc.y = y + Math.max(...heights) + 4;
  };
  line(['日期', '活动', '组织方', '类型', '时长'], true);
  if (!rows.length) line(['—', '暂无经确认的服务记录', '', '', '']);
  for (const r of rows) line([chinaDate(new Date(r.starts_at)), r.title, r.org_name, KIND[r.kind] ?? r.kind, `${hoursOf(r.minutes ?? 0)} 小时`]);
  doc.moveDown(2);
  doc.font('zh').fontSize(11).text(`出具日期：${chinaDate(new Date())}`, 56, doc.y, { align: 'right' });
  doc.text('本证明由共治社区治理平台根据组织方确认的考勤记录生成。', { align: 'right' });
  doc.end();
  return done;
}

/**
 * Rendered certificates by content (volunteer, name, hours, record, issue day): a repeated
 * download is served from memory instead of paying the subsetting again. Small and bounded.
 */
const rendered = new Map<string, Buffer>();
const CACHE_MAX = 64;

async function certificateOf(ctx: AuthedCtx, v: NonNullable<Awaited<ReturnType<typeof repo.volunteerByUser>>>) {
  const rows = await repo.serviceRecord(ctx.deps.db, v.id);
  const key = JSON.stringify([v.id, v.name, v.org_name, v.confirmed_minutes, rows.map((r) => [r.title, r.minutes, String(r.starts_at)]), chinaDate(new Date())]);
  let pdf = rendered.get(key);
  if (!pdf) {
    pdf = await render(v, rows);
    if (rendered.size >= CACHE_MAX) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, pdf);
  }
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'volunteer.certificate', entityType: 'volunteer', entityId: v.id, orgPath: v.org_path }));
  return { pdf, filename: `志愿服务证明-${v.name}.pdf` };
}

export async function myCertificate(ctx: AuthedCtx) {
  if (!policy.canSelf(ctx.actor)) throw errors.forbidden();
  const v = await repo.volunteerByUser(ctx.deps.db, ctx.actor.userId);
  if (!v) throw errors.notFound('volunteer');
  return certificateOf(ctx, v);
}

export async function volunteerCertificate(ctx: AuthedCtx, id: number) {
  if (!policy.canRead(ctx.actor)) throw errors.notFound('volunteer');
  const v = await repo.volunteerById(ctx.deps.db, ctx.actor, id);
  if (!v) throw errors.notFound('volunteer');
  return certificateOf(ctx, v);
}
