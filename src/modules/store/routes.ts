import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Items, Paged, errorResponses } from '../../core/schemas.js';
import { authedCtx } from '../../core/request.js';
import { sendXlsx } from '../../core/excel.js';
import { errors } from '../../core/errors.js';
import * as s from './schema.js';
import * as policy from './policy.js';
import * as donors from './service-donors.js';
import * as items from './service-items.js';
import * as donations from './service-donations.js';
import * as redeem from './service-redeem.js';
import * as list from './service-list.js';
import { underPath } from './present.js';

const tags = ['store'];
const ok = <T extends object>(t: T) => ({ 200: t, ...errorResponses });
const created = <T extends object>(t: T) => ({ 201: t, ...errorResponses });

/** Thin routes of the love store (爱心超市): donors, donations, items, redemptions, the counter. */
export const storeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // ── Donors ──
  app.get('/store/donors', { schema: { tags, summary: '捐赠方列表（范围内，联系人脱敏）', querystring: s.DonorQuery, response: ok(Paged(s.Donor)) } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    return donors.listDonors(authedCtx(req), q, { page, pageSize });
  });
  app.get('/store/donors/export.xlsx', { schema: { tags, summary: '导出捐赠方 Excel（联系人脱敏）', querystring: s.DonorExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'donors.xlsx' : '捐赠方.xlsx', 'donors', donors.DONOR_COLUMNS(en), donors.exportDonors(ctx, req.query));
  });
  app.post('/store/donors', { schema: { tags, summary: '登记捐赠方', body: s.CreateDonorBody, response: created(s.Donor) } },
    async (req, reply) => reply.status(201).send(await donors.createDonor(authedCtx(req), req.body)));
  app.get('/store/donors/:id', { schema: { tags, summary: '捐赠方详情', params: IdParams, response: ok(s.Donor) } }, async (req) => donors.getDonor(authedCtx(req), req.params.id));
  app.patch('/store/donors/:id', { schema: { tags, summary: '修改捐赠方', params: IdParams, body: s.UpdateDonorBody, response: ok(s.Donor) } },
    async (req) => donors.updateDonor(authedCtx(req), req.params.id, req.body));
  app.post('/store/donors/:id/reveal', { schema: { tags, summary: '查看捐赠方联系人（需理由，留痕）', params: IdParams, body: s.RevealBody, response: ok(Type.Object({ value: Type.Union([Type.String(), Type.Null()]) })) } },
    async (req) => donors.revealDonorContact(authedCtx(req), req.params.id, req.body.field, req.body.reason));
  app.get('/store/donors/:id/acknowledgement', { schema: { tags, summary: '爱心反馈：捐赠物品的去向', params: IdParams, response: ok(s.Acknowledgement) } },
    async (req) => list.acknowledgement(authedCtx(req), req.params.id));
  app.get('/store/donors/:id/acknowledgement.xlsx', { schema: { tags, summary: '导出爱心反馈 Excel（居民脱敏）', params: IdParams } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'acknowledgement.xlsx' : '爱心反馈.xlsx', 'acknowledgement', list.ACK_COLUMNS(en), list.exportAcknowledgement(ctx, req.params.id));
  });

  // ── Donations ──
  app.get('/store/donations', { schema: { tags, summary: '捐赠记录', querystring: s.DonationQuery, response: ok(Paged(s.Donation)) } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    return donations.listDonations(authedCtx(req), q, { page, pageSize });
  });
  app.get('/store/donations/export.xlsx', { schema: { tags, summary: '导出捐赠记录 Excel', querystring: s.DonationExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'donations.xlsx' : '捐赠记录.xlsx', 'donations', donations.DONATION_COLUMNS(en), donations.exportDonations(ctx, req.query));
  });
  app.post('/store/donations', { schema: { tags, summary: '登记捐赠（入库：新商品或已有商品）', body: s.CreateDonationBody, response: created(s.Donation) } },
    async (req, reply) => reply.status(201).send(await donations.createDonation(authedCtx(req), req.body)));

  // ── Items ──
  app.get('/store/items', { schema: { tags, summary: '商品（工作人员：范围内；居民：本社区在售）', querystring: s.ItemQuery, response: ok(Paged(s.Item)) } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    return items.listItems(authedCtx(req), q, { page, pageSize });
  });
  app.get('/store/items/export.xlsx', { schema: { tags, summary: '导出商品与库存 Excel', querystring: s.ItemExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'store-items.xlsx' : '爱心超市商品.xlsx', 'items', items.ITEM_COLUMNS(en), items.exportItems(ctx, req.query));
  });
  app.post('/store/items', { schema: { tags, summary: '上架商品（社区采购；捐赠物品请登记捐赠）', body: s.CreateItemBody, response: created(s.Item) } },
    async (req, reply) => reply.status(201).send(await items.createItem(authedCtx(req), req.body)));
  app.get('/store/items/:id', { schema: { tags, summary: '商品详情', params: IdParams, response: ok(s.Item) } }, async (req) => items.getItem(authedCtx(req), req.params.id));
  app.patch('/store/items/:id', { schema: { tags, summary: '修改商品（价格、有效期、限兑、上下架）', params: IdParams, body: s.UpdateItemBody, response: ok(s.Item) } },
    async (req) => items.updateItem(authedCtx(req), req.params.id, req.body));
  app.post('/store/items/:id/stock', { schema: { tags, summary: '库存调整（采购入库 / 报损）', params: IdParams, body: s.StockBody, response: ok(s.Item) } },
    async (req) => items.adjustStock(authedCtx(req), req.params.id, req.body));

  // ── Redemptions ──
  app.post('/store/redemptions', { schema: { tags, summary: '兑换（居民线上；工作人员柜台代兑须填 userId；clientKey 幂等）', body: s.RedeemBody, response: { 200: s.Redemption, 201: s.Redemption, ...errorResponses } } },
    async (req, reply) => {
      const r = await redeem.redeem(authedCtx(req), req.body);
      return reply.status(r.created ? 201 : 200).send(r.redemption);
    });
  app.get('/store/redemptions', { schema: { tags, summary: '兑换记录（工作人员：范围内；居民：本人）', querystring: s.RedemptionQuery, response: ok(Paged(s.Redemption)) } }, async (req) => {
    const { page, pageSize, ...q } = req.query;
    return list.listRedemptions(authedCtx(req), q, { page, pageSize });
  });
  app.get('/store/redemptions/export.xlsx', { schema: { tags, summary: '导出兑换记录 Excel（居民脱敏，不含取件码）', querystring: s.RedemptionExportQuery } }, async (req, reply) => {
    const ctx = authedCtx(req);
    const en = ctx.meta.lang === 'en';
    return sendXlsx(reply, en ? 'redemptions.xlsx' : '兑换记录.xlsx', 'redemptions', list.REDEMPTION_COLUMNS(en), list.exportRedemptions(ctx, req.query));
  });
  app.get('/store/redemptions/:id', { schema: { tags, summary: '兑换详情', params: IdParams, response: ok(s.Redemption) } }, async (req) => redeem.getRedemption(authedCtx(req), req.params.id));
  app.post('/store/redemptions/:id/cancel', { schema: { tags, summary: '取消兑换（退回库存与积分）', params: IdParams, body: s.CancelBody, response: ok(s.Redemption) } },
    async (req) => redeem.cancelRedemption(authedCtx(req), req.params.id, req.body?.reason));
  app.post('/store/redemptions/:id/complete', { schema: { tags, summary: '柜台核销：凭取件码领取', params: IdParams, body: s.CompleteBody, response: ok(s.Redemption) } },
    async (req) => redeem.completeRedemption(authedCtx(req), req.params.id, req.body.pickupCode));
  app.get('/store/counter', { schema: { tags, summary: '柜台：按取件码查找待领取的兑换', querystring: s.CounterQuery, response: ok(Items(s.Redemption)) } },
    async (req) => redeem.findByCode(authedCtx(req), req.query.code));
  app.post('/store/redemptions/sweep', { schema: { tags, summary: `取消逾期未领取的兑换（${policy.PICKUP_DAYS} 天）`, body: s.SweepBody, response: ok(Type.Object({ cancelled: Type.Integer() })) } },
    async (req) => {
      const ctx = authedCtx(req);
      if (!policy.mayManageStores(ctx.actor)) throw errors.forbidden();
      return redeem.sweepOverdue(ctx, (await underPath(ctx, req.body?.orgId)) ?? ctx.actor.orgPath);
    });
};
