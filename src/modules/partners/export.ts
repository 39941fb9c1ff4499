import type { AuthedCtx } from '../../core/context.js';
import type { Lang, Msg } from '../../core/errors.js';
import type { Column } from '../../core/excel.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import * as people from './repo-people.js';
import * as lists from './repo-lists.js';
import * as claims from './repo-claims.js';
import { memberFilter, unitFilter, type MemberListQuery, type UnitListQuery } from './service-people.js';
import { needFilter, offerFilter, postFilter, type NeedListQuery, type OfferListQuery, type PostListQuery } from './service-lists.js';
import { contractFilter, type ContractListQuery } from './service-contracts.js';
import { claimFilter, type ClaimListQuery } from './service-claims.js';
import { presentRank, rankingFilter, type RankingQuery } from './service-rankings.js';
import { GRADE_LABELS, meanRating } from './rules.js';

/**
 * Excel exports of the partners lists, inside the actor's scope, in keyset batches. Phones
 * appear masked, as the lists show them. Each export is audited once with its filter and
 * row count.
 */
const BATCH = 1000;
const H = (zh: string, en: string): Msg => ({ zh, en });
const cols = (h: Record<string, Msg>) => (lang: Lang): Column[] => Object.entries(h).map(([key, m]) => ({ header: m[lang], key, width: 18 }));
const L = (lang: Lang, m: Record<string, Msg>, k: string) => m[k]?.[lang] ?? k;

const MEMBER_STATUS = { pending: H('待审核', 'pending'), active: H('在册', 'active'), left: H('已离开', 'left') };
const UNIT_KIND = { agency: H('机关', 'agency'), enterprise: H('企业', 'enterprise'), school: H('学校', 'school'), other: H('其他', 'other') };
const NEED_STATUS = { open: H('待认领', 'open'), claimed: H('已认领', 'claimed'), done: H('已完成', 'done'), closed: H('已关闭', 'closed') };
const NEED_SOURCE = { wish: H('微心愿', 'wish'), visit: H('入户走访', 'visit'), request: H('诉求', 'request'), other: H('其他', 'other') };
const CONTRACT_STATUS = { active: H('履行中', 'active'), ended: H('已到期', 'ended'), terminated: H('已终止', 'terminated') };
const CLAIM_STATUS = { claimed: H('已认领', 'claimed'), in_progress: H('进行中', 'in progress'), done: H('已完成', 'done'), withdrawn: H('已退出', 'withdrawn') };

export const MEMBER_COLUMNS = cols({
  name: H('姓名', 'Name'), phone: H('电话（脱敏）', 'Phone (masked)'), workUnit: H('工作单位', 'Work unit'), partyOrg: H('所在党组织', 'Party organization'),
  org: H('报到社区', 'Community'), reportedOn: H('报到日期', 'Reported on'), status: H('状态', 'Status'),
});
export const UNIT_COLUMNS = cols({
  name: H('单位名称', 'Name'), kind: H('类型', 'Type'), contactName: H('联系人', 'Contact'), contactPhone: H('联系电话（脱敏）', 'Phone (masked)'),
  address: H('地址', 'Address'), org: H('所属组织', 'Org'), activeContracts: H('有效协议数', 'Active contracts'), status: H('状态', 'Status'),
});
export const NEED_COLUMNS = cols({
  title: H('需求', 'Need'), category: H('类别', 'Category'), source: H('来源', 'Source'), org: H('社区', 'Community'), capacity: H('认领名额', 'Places'),
  claimed: H('已认领', 'Claimed'), dueOn: H('截止日期', 'Due on'), status: H('状态', 'Status'), createdAt: H('发布时间', 'Published at'),
});
export const CONTRACT_COLUMNS = cols({
  title: H('协议名称', 'Contract'), unit: H('共建单位', 'Unit'), org: H('社区', 'Community'), startsOn: H('开始日期', 'Starts on'), endsOn: H('结束日期', 'Ends on'),
  duties: H('责任事项', 'Duties'), dutiesDone: H('已完成', 'Done'), status: H('状态', 'Status'),
});
export const OFFER_COLUMNS = cols({
  title: H('服务项目', 'Service'), provider: H('提供方', 'Provider'), kind: H('类型', 'Kind'), availability: H('服务时间', 'When'), org: H('社区', 'Community'), status: H('状态', 'Status'),
});
export const POST_COLUMNS = cols({
  name: H('岗位名称', 'Post'), description: H('说明', 'Description'), org: H('社区', 'Community'), capacity: H('名额', 'Places'), claimed: H('在岗', 'Holding'), status: H('状态', 'Status'),
});
export const CLAIM_COLUMNS = cols({
  target: H('认领对象', 'Claimed'), kind: H('类型', 'Kind'), claimant: H('认领方', 'Claimant'), org: H('社区', 'Community'), status: H('状态', 'Status'),
  result: H('完成情况', 'Result'), doneAt: H('完成时间', 'Done at'), rating: H('群众评分', 'Rating'), feedback: H('评价', 'Feedback'), createdAt: H('认领时间', 'Claimed at'),
});
export const RANKING_COLUMNS = cols({
  rank: H('名次', 'Rank'), name: H('名称', 'Name'), org: H('所属组织', 'Org'), hours: H('服务时长（小时）', 'Hours'), claimsDone: H('完成认领', 'Claims done'),
  ratingCount: H('评价数', 'Ratings'), meanRating: H('平均评分', 'Mean rating'), score: H('积分', 'Score'), grade: H('等次', 'Grade'),
});

async function* keyset<T extends { id: number }>(next: (after: number | null) => Promise<T[]>, count: { n: number }) {
  let after: number | null = null;
  for (;;) {
    const b = await next(after);
    for (const r of b) { count.n++; yield r; }
    if (b.length < BATCH) return;
    after = b[b.length - 1].id;
  }
}

async function audited(ctx: AuthedCtx, what: string, filter: unknown, n: number) {
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: `${what}.export`, entityType: what, detail: { filter, rows: n } }));
}

/** Validates the filter before the first row, so bad input answers 4xx. */
export async function exportMembers(ctx: AuthedCtx, q: MemberListQuery) {
  const f = await memberFilter(ctx, q);
  const lang = ctx.meta.lang;
  return (async function* () {
    const count = { n: 0 };
    for await (const m of keyset((a) => people.membersBatch(ctx.deps.db, ctx.actor, f, a, BATCH), count)) {
      yield { name: m.name, phone: m.phone_masked ?? '', workUnit: m.work_unit, partyOrg: m.party_org, org: m.org_name, reportedOn: m.reported_on, status: L(lang, MEMBER_STATUS, m.status) };
    }
    await audited(ctx, 'partyMember', { ...q, phone: q.phone ? '(hashed)' : undefined }, count.n);
  })();
}

export async function exportUnits(ctx: AuthedCtx, q: UnitListQuery) {
  const f = await unitFilter(ctx, q);
  const lang = ctx.meta.lang;
  return (async function* () {
    const count = { n: 0 };
    for await (const u of keyset((a) => people.unitsBatch(ctx.deps.db, ctx.actor, f, a, BATCH), count)) {
      yield {
        name: u.name, kind: L(lang, UNIT_KIND, u.kind), contactName: u.contact_name ?? '', contactPhone: u.contact_phone_masked ?? '', address: u.address ?? '',
        org: u.org_name, activeContracts: u.active_contracts, status: u.status === 'active' ? H('启用', 'active')[lang] : H('停用', 'inactive')[lang],
      };
    }
    await audited(ctx, 'partnerUnit', q, count.n);
  })();
}

export async function exportNeeds(ctx: AuthedCtx, q: NeedListQuery) {
  const f = await needFilter(ctx, q);
  const lang = ctx.meta.lang;
  return (async function* () {
    const count = { n: 0 };
    for await (const n of keyset((a) => lists.needsBatch(ctx.deps.db, ctx.actor, f, a, BATCH), count)) {
      yield {
        title: n.title, category: n.category, source: L(lang, NEED_SOURCE, n.source), org: n.org_name, capacity: n.capacity, claimed: n.claimed,
        dueOn: n.due_on ?? '', status: L(lang, NEED_STATUS, n.status), createdAt: n.created_at.toISOString().slice(0, 16).replace('T', ' '),
      };
    }
    await audited(ctx, 'need', q, count.n);
  })();
}

export async function exportClaims(ctx: AuthedCtx, q: ClaimListQuery) {
  const f = await claimFilter(ctx, q);
  const lang = ctx.meta.lang;
  return (async function* () {
    const count = { n: 0 };
    for await (const c of keyset((a) => claims.claimsBatch(ctx.deps.db, ctx.actor, f, a, BATCH), count)) {
      yield {
        target: c.target_title, kind: c.need_id ? H('需求', 'need')[lang] : H('服务岗位', 'post')[lang], claimant: c.claimant_name, org: c.org_name,
        status: L(lang, CLAIM_STATUS, c.status), result: c.result ?? '', doneAt: c.done_at ? c.done_at.toISOString().slice(0, 16).replace('T', ' ') : '',
        rating: c.rating ?? '', feedback: c.feedback ?? '', createdAt: c.created_at.toISOString().slice(0, 16).replace('T', ' '),
      };
    }
    await audited(ctx, 'claim', q, count.n);
  })();
}

export async function exportRanking(ctx: AuthedCtx, q: RankingQuery) {
  const f = await rankingFilter(ctx, q);
  const lang = ctx.meta.lang;
  return (async function* () {
    let offset = 0;
    for (;;) {
      const rows = await claims.rankingPage(ctx.deps.db, ctx.actor, f, BATCH, offset);
      for (const [i, r] of rows.entries()) {
        const p = presentRank(f.kind, r, offset + i + 1);
        yield { rank: p.rank, name: p.name, org: p.orgName, hours: p.hours, claimsDone: p.claimsDone, ratingCount: p.ratingCount, meanRating: meanRating(r.rating_count, r.rating_sum) ?? '', score: p.score, grade: GRADE_LABELS[p.grade][lang] };
      }
      offset += rows.length;
      if (rows.length < BATCH) break;
    }
    await audited(ctx, 'assessment', q, offset);
  })();
}

export async function exportContracts(ctx: AuthedCtx, q: ContractListQuery) {
  const f = await contractFilter(ctx, q);
  const lang = ctx.meta.lang;
  return (async function* () {
    const count = { n: 0 };
    for await (const c of keyset((a) => people.contractsBatch(ctx.deps.db, ctx.actor, f, a, BATCH), count)) {
      yield { title: c.title, unit: c.unit_name, org: c.org_name, startsOn: c.starts_on, endsOn: c.ends_on, duties: c.duties_total, dutiesDone: c.duties_done, status: L(lang, CONTRACT_STATUS, c.status) };
    }
    await audited(ctx, 'contract', q, count.n);
  })();
}

export async function exportOffers(ctx: AuthedCtx, q: OfferListQuery) {
  const f = await offerFilter(ctx, q);
  const lang = ctx.meta.lang;
  return (async function* () {
    const count = { n: 0 };
    for await (const o of keyset((a) => lists.offersBatch(ctx.deps.db, ctx.actor, f, a, BATCH), count)) {
      yield {
        title: o.title, provider: o.provider_name, kind: o.member_id ? H('在职党员', 'party member')[lang] : H('共建单位', 'partner unit')[lang],
        availability: o.availability ?? '', org: o.org_name, status: o.status === 'active' ? H('提供中', 'offered')[lang] : H('已撤下', 'withdrawn')[lang],
      };
    }
    await audited(ctx, 'serviceOffer', q, count.n);
  })();
}

export async function exportPosts(ctx: AuthedCtx, q: PostListQuery) {
  const f = await postFilter(ctx, q);
  const lang = ctx.meta.lang;
  return (async function* () {
    const count = { n: 0 };
    for await (const p of keyset((a) => lists.postsBatch(ctx.deps.db, ctx.actor, f, a, BATCH), count)) {
      yield { name: p.name, description: p.description ?? '', org: p.org_name, capacity: p.capacity, claimed: p.claimed, status: p.status === 'open' ? H('开放', 'open')[lang] : H('关闭', 'closed')[lang] };
    }
    await audited(ctx, 'servicePost', q, count.n);
  })();
}
