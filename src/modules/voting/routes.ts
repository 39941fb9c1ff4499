import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, errorResponses } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import * as s from './schema.js';
import * as votes from './service-votes.js';
import * as ballots from './service-ballots.js';

const tags = ['voting'];
const VoteReply = { 200: s.Vote, ...errorResponses };
const Empty = Type.Optional(Type.Object({}, { additionalProperties: false }));

/** Thin routes: votes (console), ballots, receipts, the published list and its recount. */
export const votingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/votes', { schema: { tags, summary: '表决列表（范围内，可搜索、筛选）', querystring: s.VoteQuery, response: { 200: s.VotePage, ...errorResponses } } },
    async (req) => { const { page, pageSize, ...f } = req.query; return votes.listVotes(authedCtx(req), f, { page, pageSize }); });
  app.get('/votes/export.xlsx', { schema: { tags, summary: '导出表决及结果 Excel', querystring: s.VoteExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'votes.xlsx' : '表决.xlsx', 'votes', votes.VOTE_COLUMNS(en), votes.exportVotes(ctx, req.query));
  });
  app.get('/votes/mine', { schema: { tags, summary: '我的表决（我在选民范围内的，投票中的在前）', querystring: s.MyVoteQuery, response: { 200: s.VotePage, ...errorResponses } } },
    async (req) => votes.myVotes(authedCtx(req), req.query));
  app.post('/votes/electorate-preview', { schema: { tags, summary: '预览选民范围（现在开始投票时的应投人数）', body: s.PreviewBody, response: { 200: s.Preview, ...errorResponses } } },
    async (req) => votes.previewElectorate(authedCtx(req), req.body));
  app.post('/votes', { schema: { tags, summary: '创建表决（草稿，或立即开始）', body: s.CreateVoteBody, response: { 201: s.Vote, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await votes.createVote(authedCtx(req), req.body)));
  app.get('/votes/:id', { schema: { tags, summary: '表决详情（结束后含结果）', params: IdParams, response: VoteReply } },
    async (req) => votes.getVote(authedCtx(req), req.params.id));
  app.patch('/votes/:id', { schema: { tags, summary: '修改表决（规则在第一张选票后固定）', params: IdParams, body: s.UpdateVoteBody, response: VoteReply } },
    async (req) => votes.updateVote(authedCtx(req), req.params.id, req.body));
  app.post('/votes/:id/open', { schema: { tags, summary: '开始投票（确定选民范围）', params: IdParams, body: Empty, response: VoteReply } },
    async (req) => votes.openVote(authedCtx(req), req.params.id));
  app.post('/votes/:id/close', { schema: { tags, summary: '结束投票并计票', params: IdParams, body: Empty, response: VoteReply } },
    async (req) => votes.closeVote(authedCtx(req), req.params.id));
  app.post('/votes/:id/publish', { schema: { tags, summary: '公布结果和选票清单（回执码 + 选择，不含投票人）', params: IdParams, body: Empty, response: VoteReply } },
    async (req) => votes.publishVote(authedCtx(req), req.params.id));
  app.post('/votes/:id/ballots', { schema: { tags, summary: '投票（每位选民或每户一票；回执码仅此一次返回）', params: IdParams, body: s.CastBody, response: { 201: s.Receipt, ...errorResponses } } },
    async (req, reply) => reply.status(201).send(await ballots.castBallot(authedCtx(req), req.params.id, req.body.choices)));
  app.get('/votes/:id/ballots', { schema: { tags, summary: '已公布的选票清单（回执码 + 选择）', params: IdParams, querystring: s.BallotQuery, response: { 200: s.BallotPage, ...errorResponses } } },
    async (req) => ballots.listBallots(authedCtx(req), req.params.id, req.query));
  app.get('/votes/:id/receipts/:receipt', { schema: { tags, summary: '核对我的回执：选票是否按所投计入', params: s.ReceiptParams, response: { 200: s.ReceiptCheck, ...errorResponses } } },
    async (req) => ballots.checkReceipt(authedCtx(req), req.params.id, req.params.receipt));
  app.get('/votes/:id/verify', { schema: { tags, summary: '用公布的选票清单重新计票并与公布结果核对', params: IdParams, response: { 200: s.Verify, ...errorResponses } } },
    async (req) => ballots.verifyVote(authedCtx(req), req.params.id));
  app.get('/votes/:id/participation', { schema: { tags, summary: '参与情况（谁已投票；无记名表决不含选择）', params: IdParams, querystring: s.PageOnly, response: { 200: s.ParticipantPage, ...errorResponses } } },
    async (req) => ballots.participation(authedCtx(req), req.params.id, req.query));
  app.get('/votes/:id/result.xlsx', { schema: { tags, summary: '导出表决结果 Excel（公布后含回执清单）', params: IdParams } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? `vote-${req.params.id}.xlsx` : `表决结果-${req.params.id}.xlsx`, 'result', ballots.RESULT_COLUMNS(en), ballots.exportResult(ctx, req.params.id));
  });
};
