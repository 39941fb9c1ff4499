import type { AuthedCtx } from '../../core/context.js';
import type { Lang, Msg } from '../../core/errors.js';
import type { Column } from '../../core/excel.js';
import { EXPORT_BATCH as BATCH, auditExport as audited, keyset } from './common.js';
import * as repo from './repo.js';
import { orgFilter, type OrgListQuery } from './service-orgs.js';
import { serviceFilter, type ServiceListQuery } from './service-incubation.js';

/**
 * Excel exports of the registry and the incubation-service records, inside the actor's
 * scope, in keyset batches; personal data masked as in the lists; audited once with the
 * filter and the row count.
 */
const H = (zh: string, en: string): Msg => ({ zh, en });
const cols = (h: Record<string, Msg>) => (lang: Lang): Column[] => Object.entries(h).map(([key, m]) => ({ header: m[lang], key, width: 18 }));
const L = (lang: Lang, m: Record<string, Msg>, k: string) => m[k]?.[lang] ?? k;

export const FILING = { registered: H('登记', 'registered'), filed: H('备案', 'filed') };
export const CATEGORY = {
  life_service: H('生活服务', 'life services'), charity: H('公益慈善', 'charity'), culture_sports: H('文体活动', 'culture & sports'),
  mediation: H('专业调处', 'mediation'), elderly: H('养老助残', 'elderly & disabled care'), other: H('其他', 'other'),
};
export const STATUS = { active: H('正常', 'active'), suspended: H('暂停活动', 'suspended'), deregistered: H('已注销', 'deregistered') };
export const SERVICE_KIND = {
  capacity_training: H('能力培训', 'capacity training'), growth_assessment: H('成长评估', 'growth assessment'), project_guidance: H('项目指导', 'project guidance'),
  resource_matching: H('资源对接', 'resource matching'), venue_support: H('场地支持', 'venue support'), registration_assistance: H('登记备案协助', 'registration assistance'),
};

export const ORG_COLUMNS = cols({
  name: H('组织名称', 'Name'), filing: H('登记/备案', 'Filing'), category: H('类型', 'Type'), creditCode: H('统一社会信用代码', 'Credit code'),
  filingNo: H('备案编号', 'Filing no.'), org: H('登记地', 'Registered at'), legalPerson: H('法定代表人/负责人', 'Legal person'),
  legalPersonPhone: H('负责人电话（脱敏）', 'Phone (masked)'), contactName: H('联系人', 'Contact'), memberCount: H('成员数', 'Members'),
  staffCount: H('工作人员账号', 'Staff accounts'), incubating: H('在孵', 'Incubating'), latestLevel: H('最近评估等级', 'Latest level'), status: H('状态', 'Status'),
});
export const SERVICE_COLUMNS = cols({
  socialOrg: H('社会组织', 'Organization'), kind: H('服务类型', 'Service'), providedOn: H('日期', 'Date'), provider: H('提供方', 'Provider'),
  hours: H('时长（小时）', 'Hours'), notes: H('备注', 'Notes'),
});


/** Validates the filter before the first row, so bad input answers 4xx. */
export async function exportOrgs(ctx: AuthedCtx, q: OrgListQuery) {
  const f = await orgFilter(ctx, q);
  const lang = ctx.meta.lang;
  return (async function* () {
    const count = { n: 0 };
    for await (const s of keyset((a) => repo.orgsBatch(ctx.deps.db, ctx.actor, f, a, BATCH), count)) {
      yield {
        name: s.name, filing: L(lang, FILING, s.filing), category: L(lang, CATEGORY, s.category), creditCode: s.credit_code ?? '', filingNo: s.filing_no ?? '',
        org: s.org_name, legalPerson: s.legal_person_name, legalPersonPhone: s.legal_person_phone_masked ?? '', contactName: s.contact_name ?? '',
        memberCount: s.member_count, staffCount: s.staff_count, incubating: s.incubating ? H('是', 'yes')[lang] : '', latestLevel: s.latest_level ?? '',
        status: L(lang, STATUS, s.status),
      };
    }
    await audited(ctx, 'socialOrg', q, count.n);
  })();
}

export async function exportServices(ctx: AuthedCtx, q: ServiceListQuery) {
  const f = await serviceFilter(ctx, q);
  const lang = ctx.meta.lang;
  return (async function* () {
    const count = { n: 0 };
    for await (const v of keyset((a) => repo.servicesBatch(ctx.deps.db, ctx.actor, f, a, BATCH), count)) {
      yield { socialOrg: v.social_org_name, kind: L(lang, SERVICE_KIND, v.kind), providedOn: v.provided_on, provider: v.provider, hours: v.hours ?? '', notes: v.notes ?? '' };
    }
    await audited(ctx, 'incubationService', q, count.n);
  })();
}
