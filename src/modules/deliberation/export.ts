import type { AuthedCtx } from '../../core/context.js';
import type { Msg } from '../../core/errors.js';
import { EXPORT_BATCH, columnsOf, exportRows, label, labelOf } from '../../core/export-batches.js';
import * as topics from './repo-topics.js';
import * as bodies from './repo-bodies.js';
import * as policy from './policy.js';
import { topicFilter, type TopicListQuery } from './service-topics.js';
import { decisionFilter, taskFilter, type TaskListQuery } from './service-tasks.js';
import { meetingFilter, type MeetingListQuery } from './service-meetings.js';
import { bodyFilter, formName, type BodyListQuery } from './service-bodies.js';
import type { Outcome } from '../../db/schema-deliberation.js';

/**
 * Excel exports of the deliberation lists, inside the actor's scope, in keyset batches. No
 * personal data beyond the names a topic or a task already shows. Each export is audited
 * once with its filter and row count.
 */
const BATCH = EXPORT_BATCH;
const H = label;
const cols = columnsOf;
const L = labelOf;
const time = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

export const FIELD_LABELS: Record<string, Msg> = {
  sanitation: H('卫生', 'sanitation'), security: H('治安', 'security'), livelihood: H('民生', 'livelihood'), environment: H('环境', 'environment'),
  culture: H('文体', 'culture and sports'), property: H('物业', 'property'), traffic: H('交通停车', 'traffic and parking'), other: H('其他', 'other'),
};
export const STATUS_LABELS: Record<string, Msg> = {
  raised: H('待受理', 'raised'), accepted: H('已受理', 'accepted'), deliberating: H('协商中', 'in deliberation'), voting: H('表决中', 'voting'),
  adopted: H('已通过', 'adopted'), rejected: H('未通过', 'rejected'), implementing: H('落实中', 'in implementation'), done: H('已办结', 'done'),
  closed: H('已关闭', 'closed'), merged: H('已合并', 'merged'), declined: H('不予受理', 'declined'),
};
const SOURCE = {
  resident: H('居民', 'resident'), gridWorker: H('网格员', 'grid worker'), partnerUnit: H('共建单位', 'partner unit'), representative: H('议事代表', 'representative'), worker: H('社区工作者', 'worker'),
};
const OWNER = {
  ownersCommittee: H('业委会', "owners' committee"), residentReps: H('居民代表', 'resident representatives'), partnerUnit: H('共建单位', 'partner unit'),
  communityWorker: H('社区工作者', 'community worker'), other: H('其他', 'other'),
};
const TASK_STATUS = { open: H('进行中', 'open'), done: H('已完成', 'done'), cancelled: H('已取消', 'cancelled') };
const MEETING_STATUS = { planned: H('待召开', 'planned'), held: H('已召开', 'held'), cancelled: H('已取消', 'cancelled') };

export const TOPIC_COLUMNS = cols({
  id: H('编号', 'No.'), kind: H('类型', 'Kind'), title: H('议题', 'Topic'), field: H('领域', 'Field'), org: H('社区', 'Community'), source: H('来源', 'Source'),
  raiser: H('提出人', 'Raised by'), status: H('状态', 'Status'), reason: H('理由', 'Reason'), createdAt: H('提出时间', 'Raised at'),
});
export const DECISION_COLUMNS = cols({
  topic: H('议题', 'Topic'), field: H('领域', 'Field'), org: H('社区', 'Community'), outcome: H('结果', 'Outcome'), eligible: H('应投票', 'Eligible'),
  cast: H('实投票', 'Cast'), approve: H('赞成', 'Approve'), reject: H('反对', 'Reject'), abstain: H('弃权', 'Abstain'), summary: H('说明', 'Summary'),
  tasks: H('任务数', 'Tasks'), tasksDone: H('已完成', 'Done'), decidedAt: H('议定时间', 'Decided at'),
});
export const TASK_COLUMNS = cols({
  title: H('任务', 'Task'), topic: H('议题', 'Topic'), org: H('社区', 'Community'), ownerKind: H('责任主体', 'Owner type'), owner: H('责任人', 'Owner'),
  dueOn: H('期限', 'Due on'), progress: H('进度（%）', 'Progress (%)'), status: H('状态', 'Status'), overdue: H('是否逾期', 'Overdue'), doneAt: H('完成时间', 'Done at'),
});
export const MEETING_COLUMNS = cols({
  title: H('会议', 'Meeting'), body: H('议事机构', 'Body'), form: H('形式', 'Form'), org: H('社区', 'Community'), startsAt: H('时间', 'Time'), place: H('地点', 'Place'),
  present: H('出席', 'Present'), absent: H('缺席', 'Absent'), status: H('状态', 'Status'), minutes: H('会议纪要', 'Minutes'),
});
export const BODY_COLUMNS = cols({
  name: H('名称', 'Name'), kind: H('类型', 'Kind'), org: H('社区', 'Community'), estate: H('小区', 'Estate'), members: H('在任代表', 'Members'),
  withAccount: H('可线上表决', 'Can vote online'), status: H('状态', 'Status'),
});

export async function exportTopics(ctx: AuthedCtx, q: TopicListQuery) {
  const f = await topicFilter(ctx, q);
  const lang = ctx.meta.lang;
  return exportRows(ctx, 'topic', q, (a) => topics.topicsBatch(ctx.deps.db, ctx.actor, f, a, BATCH), (t) => ({
    id: t.id, kind: t.kind === 'wish' ? H('微心愿', 'wish')[lang] : H('议题', 'topic')[lang], title: t.title, field: L(lang, FIELD_LABELS, t.field), org: t.org_name,
    source: L(lang, SOURCE, t.source), raiser: t.raiser_name, status: L(lang, STATUS_LABELS, t.status), reason: t.reason ?? '', createdAt: time(t.created_at),
  }));
}

export async function exportDecisions(ctx: AuthedCtx, q: { orgId?: number; outcome?: Outcome; q?: string }) {
  const f = await decisionFilter(ctx, q);
  const lang = ctx.meta.lang;
  return exportRows(ctx, 'decision', q, (a) => topics.decisionsBatch(ctx.deps.db, ctx.actor, f, a, BATCH), (d) => {
    const c = (d.counts as Record<string, number> | null) ?? {};
    return {
      topic: d.topic_title, field: L(lang, FIELD_LABELS, d.topic_field), org: d.org_name, outcome: L(lang, STATUS_LABELS, d.outcome),
      eligible: d.eligible ?? '', cast: d.cast_count ?? '', approve: c.approve ?? '', reject: c.reject ?? '', abstain: c.abstain ?? '',
      summary: d.summary ?? '', tasks: d.tasks, tasksDone: d.tasks_done, decidedAt: time(d.decided_at),
    };
  });
}

export async function exportTasks(ctx: AuthedCtx, q: TaskListQuery) {
  const f = await taskFilter(ctx, q);
  const lang = ctx.meta.lang;
  return exportRows(ctx, 'task', q, (a) => topics.tasksBatch(ctx.deps.db, ctx.actor, f, a, BATCH), (k) => ({
    title: k.title, topic: k.topic_title, org: k.org_name, ownerKind: L(lang, OWNER, k.owner_kind), owner: k.owner_name, dueOn: k.due_on, progress: k.progress,
    status: L(lang, TASK_STATUS, k.status), overdue: policy.isOverdue({ status: k.status, dueOn: k.due_on }, f.today) ? H('逾期', 'overdue')[lang] : '', doneAt: time(k.done_at),
  }));
}

export async function exportMeetings(ctx: AuthedCtx, q: MeetingListQuery) {
  const f = await meetingFilter(ctx, q);
  const lang = ctx.meta.lang;
  return exportRows(ctx, 'deliberationMeeting', q, (a) => bodies.meetingsBatch(ctx.deps.db, ctx.actor, f, a, BATCH), (g) => ({
    title: g.title, body: g.body_name, form: g.form === 'custom' ? g.form_name ?? '' : formName(ctx, g.form), org: g.org_name, startsAt: time(g.starts_at), place: g.place,
    present: g.present, absent: g.absent, status: L(lang, MEETING_STATUS, g.status), minutes: g.minutes ?? '',
  }));
}

const BODY_KIND = { council: H('议事会', 'council'), group: H('议事组团', 'group'), other: H('其他', 'other') };
export async function exportBodies(ctx: AuthedCtx, q: BodyListQuery) {
  const f = await bodyFilter(ctx, q);
  const lang = ctx.meta.lang;
  return exportRows(ctx, 'deliberationBody', q, (a) => bodies.bodiesBatch(ctx.deps.db, ctx.actor, f, a, BATCH), (b) => ({
    name: b.name, kind: L(lang, BODY_KIND, b.kind), org: b.org_name, estate: b.estate_name ?? '', members: b.members, withAccount: b.members_with_account,
    status: b.status === 'active' ? H('在任', 'active')[lang] : H('已撤销', 'dissolved')[lang],
  }));
}
