import type { AuthedCtx } from '../../core/context.js';
import type { Lang, Msg } from '../../core/errors.js';
import type { Column } from '../../core/excel.js';
import { EXPORT_BATCH as BATCH, auditExport as audited, keyset } from '../socialorgs/common.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { chinaYear } from './rules.js';
import { stationFilter, workerFilter, type StationListQuery, type WorkerListQuery } from './service-people.js';
import { profileFilter, presentProfile, type ProfileListQuery } from './service-profiles.js';
import { configCache } from './service-config.js';

/**
 * Excel exports of stations, social workers and community workers, inside the actor's
 * scope, in keyset batches; phones masked and shown to managers only; pay columns only
 * for workforce.manage. Each export is audited once with its filter and row count.
 */
const H = (zh: string, en: string): Msg => ({ zh, en });
const cols = (h: Record<string, Msg>, lang: Lang): Column[] => Object.entries(h).map(([key, m]) => ({ header: m[lang], key, width: 16 }));
export const CERT = { none: H('无', 'none'), assistant: H('助理社工师', 'assistant social worker'), intermediate: H('社工师', 'social worker'), senior: H('高级社工师', 'senior social worker') };
const L = (lang: Lang, m: Record<string, Msg>, k: string) => m[k]?.[lang] ?? k;
const STATUS = { active: H('在岗', 'active'), left: H('离岗', 'left'), closed: H('已关闭', 'closed') };

export const STATION_COLUMNS = (lang: Lang) => cols({
  name: H('社工站', 'Station'), level: H('层级', 'Level'), org: H('所属组织', 'Org'), address: H('地址', 'Address'), openedOn: H('建站日期', 'Opened on'),
  workers: H('在岗社工', 'Social workers'), status: H('状态', 'Status'),
}, lang);
export const WORKER_COLUMNS = (lang: Lang) => cols({
  name: H('姓名', 'Name'), org: H('所属组织', 'Org'), station: H('社工站', 'Station'), employer: H('所在机构', 'Employer'), certLevel: H('证书等级', 'Certificate'),
  certNo: H('证书编号', 'Certificate no.'), certOn: H('取证日期', 'Certified on'), status: H('状态', 'Status'),
}, lang);
export const PROFILE_COLUMNS = (lang: Lang, pay: boolean) => cols({
  name: H('姓名', 'Name'), org: H('所属组织', 'Org'), post: H('岗位', 'Post'), grade: H('等级', 'Grade'), certLevel: H('社工证书', 'Certificate'),
  trainingHours: H('培训学时', 'Training hours'), status: H('状态', 'Status'),
  ...(pay ? { annualWage: H('当地平均工资（元/年）', 'Local average wage (yuan/yr)'), coefficient: H('等级系数', 'Coefficient'), basePay: H('岗位等级工资（元/月）', 'Grade pay (yuan/mo)'),
    allowance: H('持证津贴（元/月）', 'Certificate allowance'), monthly: H('月薪酬（元）', 'Monthly pay (yuan)'), payProblem: H('说明', 'Note') } : {}),
}, lang);


export async function exportStations(ctx: AuthedCtx, q: StationListQuery) {
  const f = await stationFilter(ctx, q);
  const lang = ctx.meta.lang;
  return (async function* () {
    const count = { n: 0 };
    for await (const s of keyset((a) => repo.stationsBatch(ctx.deps.db, ctx.actor, f, a, BATCH), count)) {
      yield { name: s.name, level: s.level === 'street' ? H('街道', 'street')[lang] : H('社区', 'community')[lang], org: s.org_name, address: s.address ?? '', openedOn: s.opened_on ?? '', workers: s.workers, status: L(lang, STATUS, s.status) };
    }
    await audited(ctx, 'station', q, count.n);
  })();
}

export async function exportWorkers(ctx: AuthedCtx, q: WorkerListQuery) {
  const f = await workerFilter(ctx, q);
  const lang = ctx.meta.lang;
  return (async function* () {
    const count = { n: 0 };
    for await (const w of keyset((a) => repo.workersBatch(ctx.deps.db, ctx.actor, f, a, BATCH), count)) {
      yield { name: w.name, org: w.org_name, station: w.station_name ?? '', employer: w.employer ?? '', certLevel: L(lang, CERT, w.cert_level), certNo: w.cert_no ?? '', certOn: w.cert_on ?? '', status: L(lang, STATUS, w.status) };
    }
    await audited(ctx, 'socialWorker', q, count.n);
  })();
}

/** Pay columns appear for managers (workforce.manage); rows outside what they manage never reach them anyway (scope). */
export const exportShowsPay = (ctx: AuthedCtx) => policy.canManage(ctx.actor);

export async function exportProfiles(ctx: AuthedCtx, q: ProfileListQuery) {
  const f = await profileFilter(ctx, q);
  const lang = ctx.meta.lang;
  const year = q.year ?? chinaYear();
  const cfg = configCache(ctx, year);
  return (async function* () {
    const count = { n: 0 };
    for await (const r of keyset((a) => repo.profilesBatch(ctx.deps.db, ctx.actor, f, a, BATCH), count)) {
      const p = presentProfile(ctx, r, await cfg(r.org_path), year);
      yield {
        name: p.name, org: p.orgName, post: p.postName, grade: p.grade, certLevel: L(lang, CERT, p.certLevel), trainingHours: p.trainingHours, status: L(lang, STATUS, p.status),
        annualWage: p.pay?.annualWage ?? '', coefficient: p.pay?.coefficient ?? '', basePay: p.pay?.basePay ?? '', allowance: p.pay?.allowance ?? '', monthly: p.pay?.monthly ?? '',
        payProblem: p.payProblem ?? (p.pay?.floored ? H('按当地平均工资保底', 'raised to the local average wage')[lang] : ''),
      };
    }
    await audited(ctx, 'workerProfile', { ...q, pay: exportShowsPay(ctx) }, count.n);
  })();
}
