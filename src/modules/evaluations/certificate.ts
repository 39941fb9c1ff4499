import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { actsForEvaluatee } from './service-scoring.js';

/**
 * 荣誉证书 for the best N of a closed campaign (rank ≤ best N and passed), set in Noto Sans
 * Hans from @embedpdf/fonts-sc like the volunteering certificate. Rendered ones are cached.
 */
const require = createRequire(import.meta.url);
const fontFile = (name: string) => path.join(path.dirname(path.dirname(require.resolve('@embedpdf/fonts-sc'))), 'fonts', name);
const chinaDate = (d: Date) => {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 4)}年${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日`;
};

async function render(x: { name: string; title: string; orgName: string; rank: number; score: number; period: string; issued: Date }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 60, info: { Title: `荣誉证书 - ${x.name}`, Producer: 'Gongzhi' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  doc.registerFont('zh', fontFile('NotoSansHans-Regular.otf'));
  doc.lineWidth(3).strokeColor('#b8860b').rect(30, 30, doc.page.width - 60, doc.page.height - 60).stroke();
  doc.font('zh').fillColor('#b22222').fontSize(40).text('荣 誉 证 书', 60, 110, { align: 'center' });
  doc.moveDown(1.5);
  doc.fillColor('#000000').fontSize(18).text(`${x.name}：`, 100);
  doc.moveDown(0.6);
  doc.fontSize(16).text(`在“${x.title}”（${x.period}）监督评价中，综合得分 ${x.score.toFixed(2)} 分，名列第 ${x.rank} 名，成绩优异，特发此证，以资鼓励。`, 130, doc.y, { width: doc.page.width - 260, lineGap: 8 });
  doc.moveDown(3);
  doc.fontSize(14).text(x.orgName, 60, doc.y, { align: 'right', width: doc.page.width - 160 });
  doc.text(chinaDate(x.issued), 60, doc.y + 6, { align: 'right', width: doc.page.width - 160 });
  doc.end();
  return done;
}

const rendered = new Map<string, Buffer>();

export async function certificate(ctx: AuthedCtx, evaluateeId: number) {
  const e = await repo.evaluateeById(ctx.deps.db, evaluateeId);
  if (!e || !(policy.canReadAt(ctx.actor, e.org_path) || (await actsForEvaluatee(ctx, e.id)))) throw errors.notFound('evaluatee');
  const c = (await repo.campaignById(ctx.deps.db, e.campaign_id))!;
  if (!e.certified || (c.status !== 'closed' && c.status !== 'published'))
    throw errors.conflict('NO_CERTIFICATE', { zh: '该对象未获表彰，没有证书', en: 'This evaluatee has no certificate' });
  const x = { name: e.name, title: c.title, orgName: c.org_name, rank: e.rank!, score: Number(e.final_score), period: `${c.period_start} 至 ${c.period_end}`, issued: c.closed_at ?? new Date() };
  const key = JSON.stringify(x);
  let pdf = rendered.get(key);
  if (!pdf) {
    pdf = await render(x);
    if (rendered.size >= 64) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, pdf);
  }
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'evaluation.certificate', entityType: 'evaluatee', entityId: e.id, orgPath: e.org_path }));
  return { pdf, filename: `荣誉证书-${e.name}.pdf` };
}
