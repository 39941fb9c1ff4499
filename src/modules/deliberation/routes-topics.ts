import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Paged, errorResponses, paged } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as topics from './service-topics.js';
import * as tasks from './service-tasks.js';
import { startVote } from './service-votes.js';
import { DECISION_COLUMNS, TASK_COLUMNS, TOPIC_COLUMNS, exportDecisions, exportTasks, exportTopics } from './export.js';

const tags = ['deliberation'];
const xlsx = (lang: string, zh: string, en: string) => (lang === 'en' ? en : zh);

/** Thin routes: topics and wishes, decisions and follow-up tasks. */
export const topicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/topics', { schema: { tags, summary: '议题列表：领域、状态筛选，搜索，分页', querystring: s.TopicQuery, response: { 200: Paged(s.Topic), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await topics.listTopics(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/topics/export.xlsx', { schema: { tags, summary: '导出议题 Excel', querystring: s.TopicExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    return sendXlsx(reply, xlsx(ctx.meta.lang, '议题.xlsx', 'topics.xlsx'), 'topics', TOPIC_COLUMNS(ctx.meta.lang), await exportTopics(ctx, req.query));
  });
  app.post('/topics', { schema: { tags, summary: '提出议题或微心愿（居民、网格员；工作人员可代为登记）', body: s.RaiseTopicBody, response: { 201: s.TopicDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await topics.raiseTopic(authedCtx(req), req.body)));
  app.get('/topics/:id', { schema: { tags, summary: '议题详情：历史、结果、落实任务与进展', params: IdParams, response: { 200: s.TopicDetail, ...errorResponses } } },
    async (req) => topics.getTopicDetail(authedCtx(req), req.params.id));
  app.get('/topics/:id/photos/:photoId', { schema: { tags, summary: '议题或任务进展的图片（能看到该议题的人可看）', params: s.PhotoParams, response: { 200: Type.Any(), ...errorResponses } } }, async (req, reply) => {
    const a = await topics.topicPhoto(authedCtx(req), req.params.id, req.params.photoId);
    return reply.type(a.contentType).header('cache-control', 'private, max-age=300').header('content-disposition', 'inline').send(a.data);
  });
  app.patch('/topics/:id', { schema: { tags, summary: '分类：调整领域、类型或标题', params: IdParams, body: s.SortTopicBody, response: { 200: s.TopicDetail, ...errorResponses } } },
    async (req) => topics.sortTopic(authedCtx(req), req.params.id, req.body));
  app.post('/topics/:id/transition', { schema: { tags, summary: '受理、进入协商、不予受理（须说明理由）、关闭（须说明理由）', params: IdParams, body: s.TransitionBody, response: { 200: s.TopicDetail, ...errorResponses } } },
    async (req) => topics.transitTopic(authedCtx(req), req.params.id, req.body));
  app.post('/topics/:id/merge', { schema: { tags, summary: '合并重复议题（提出人可看到去向与理由）', params: IdParams, body: s.MergeBody, response: { 200: s.TopicDetail, ...errorResponses } } },
    async (req) => topics.mergeTopic(authedCtx(req), req.params.id, req.body));
  app.post('/topics/:id/decision', { schema: { tags, summary: '记录会议议定结果（通过或不通过）', params: IdParams, body: s.DecideBody, response: { 200: s.TopicDetail, ...errorResponses } } },
    async (req) => topics.decideTopic(authedCtx(req), req.params.id, req.body));
  app.post('/topics/:id/vote', { schema: { tags, summary: '发起议事机构表决（默认：应投代表 85% 同意通过）', params: IdParams, body: s.StartVoteBody, response: { 201: s.StartedVote, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await startVote(authedCtx(req), req.params.id, req.body)));
  app.post('/topics/:id/tasks', { schema: { tags, summary: '议定事项分解为落实任务', params: IdParams, body: s.CreateTaskBody, response: { 201: s.TaskDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await tasks.createTask(authedCtx(req), req.params.id, req.body)));
  app.get('/me/topics', { schema: { tags, summary: '我提出的议题（含历史与反馈）', querystring: s.MyTopicQuery, response: { 200: Paged(s.Topic), ...errorResponses } } }, async (req) => {
    const { page, pageSize } = req.query;
    const r = await topics.myTopics(authedCtx(req), { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/me/community-topics', { schema: { tags, summary: '本社区公开的议题', querystring: s.CommunityTopicQuery, response: { 200: Paged(s.Topic), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await topics.communityTopics(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });

  app.get('/delib-decisions', { schema: { tags, summary: '议定事项列表', querystring: s.DecisionQuery, response: { 200: Paged(s.DecisionRow), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await tasks.listDecisions(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/delib-decisions/export.xlsx', { schema: { tags, summary: '导出议定结果 Excel（含票数）', querystring: s.DecisionExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    return sendXlsx(reply, xlsx(ctx.meta.lang, '议定结果.xlsx', 'decisions.xlsx'), 'decisions', DECISION_COLUMNS(ctx.meta.lang), await exportDecisions(ctx, req.query));
  });
  app.get('/delib-tasks', { schema: { tags, summary: '落实任务列表：状态、逾期筛选', querystring: s.TaskQuery, response: { 200: Paged(s.Task), ...errorResponses } } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    const r = await tasks.listTasks(authedCtx(req), q, { page, pageSize });
    return paged(r.items, r.total, { page, pageSize });
  });
  app.get('/delib-tasks/summary', { schema: { tags, summary: '落实任务统计（进行中、逾期、完成）', querystring: s.TaskSummaryQuery, response: { 200: s.TaskSummary, ...errorResponses } } },
    async (req) => tasks.taskSummary(authedCtx(req), req.query));
  app.get('/delib-tasks/export.xlsx', { schema: { tags, summary: '导出落实任务 Excel', querystring: s.TaskExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    return sendXlsx(reply, xlsx(ctx.meta.lang, '落实任务.xlsx', 'tasks.xlsx'), 'tasks', TASK_COLUMNS(ctx.meta.lang), await exportTasks(ctx, req.query));
  });
  app.get('/delib-tasks/:id', { schema: { tags, summary: '任务详情与进展', params: IdParams, response: { 200: s.TaskDetail, ...errorResponses } } },
    async (req) => tasks.getTask(authedCtx(req), req.params.id));
  app.patch('/delib-tasks/:id', { schema: { tags, summary: '修改或取消任务（取消须说明理由）', params: IdParams, body: s.UpdateTaskBody, response: { 200: s.TaskDetail, ...errorResponses } } },
    async (req) => tasks.updateTask(authedCtx(req), req.params.id, req.body));
  app.post('/delib-tasks/:id/progress', { schema: { tags, summary: '报告进展（100% 即完成）', params: IdParams, body: s.ProgressBody, response: { 201: s.TaskDetail, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await tasks.reportProgress(authedCtx(req), req.params.id, req.body)));
};
