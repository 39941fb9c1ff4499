import { Type } from 'typebox';
import { PageQueryFields, Actions, Id, NInt, NNum, NStr, Nullable, Str, Text, Paged } from '../../core/schemas.js';

/** Request/response shapes of the evaluations module (validation + OpenAPI + types). */
const Day = Type.String({ format: 'date' });
const Open = { additionalProperties: true } as const;
export const CampaignStatus = Type.Enum(['draft', 'open', 'closed', 'published'] as const, { description: '草稿 / 评价中 / 已结束 / 已公示' });
export const EvaluateeKind = Type.Enum(['org', 'partnerUnit', 'socialOrg'] as const, { description: '组织（社区/部门）/ 共建单位 / 社会组织' });
export const SignoffLevel = Type.Enum(['party', 'unit', 'resident'] as const, { description: '社区党组织 / 组团单位代表 / 居民代表' });
export const Score = Type.Integer({ minimum: 0, maximum: 100, description: '0–100 的整数' });

export const Weights = Type.Object({
  self: Type.Integer({ minimum: 0, maximum: 100 }), peer: Type.Integer({ minimum: 0, maximum: 100 }), resident: Type.Integer({ minimum: 0, maximum: 100 }),
}, { additionalProperties: false, description: '自评 / 互评 / 居民测评权重（%），合计 100' });

const CampaignFields = {
  title: Text(200), periodStart: Day, periodEnd: Day,
  weights: Type.Optional(Weights),
  passMark: Type.Optional(Type.Number({ minimum: 0, maximum: 100, multipleOf: 0.01 })),
  bestN: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  sampleSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, description: '每个抽样范围（社区或活动所属组织）的抽样户数' })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })),
  rectifyDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  dimensions: Type.Optional(Type.Array(Text(50), { minItems: 1, maxItems: 20 })),
};
export const CreateCampaignBody = Type.Object({ orgId: Id, ...CampaignFields }, { additionalProperties: false });
export const UpdateCampaignBody = Type.Object({
  title: Type.Optional(Text(200)), periodStart: Type.Optional(Day), periodEnd: Type.Optional(Day),
  weights: CampaignFields.weights, passMark: CampaignFields.passMark, bestN: CampaignFields.bestN, sampleSize: CampaignFields.sampleSize,
  seed: CampaignFields.seed, rectifyDays: CampaignFields.rectifyDays, dimensions: CampaignFields.dimensions,
}, { additionalProperties: false });

const CampaignFilterFields = {
  q: Type.Optional(Type.String({ maxLength: 50 })), status: Type.Optional(CampaignStatus), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
};
export const CampaignQuery = Type.Object({ ...CampaignFilterFields, ...PageQueryFields }, { additionalProperties: false });
export const CampaignExportQuery = Type.Object(CampaignFilterFields, { additionalProperties: false });

export const Dimension = Type.Object({ id: Type.Integer(), position: Type.Integer(), name: Str });
export const Evaluatee = Type.Object({
  id: Type.Integer(), kind: Str, subjectId: Type.Integer(), name: Str, sampleOrgId: Type.Integer(), sampleOrgName: Str,
  selfScore: NNum, peerScore: NNum, residentScore: NNum, finalScore: NNum, peerCount: NInt, responseCount: NInt, rank: NInt,
  passed: Nullable(Type.Boolean()), certified: Type.Boolean(),
}, Open);
export const Campaign = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, title: Str, periodStart: Str, periodEnd: Str, status: Str,
  weights: Weights, passMark: Type.Number(), bestN: Type.Integer(), sampleSize: Type.Integer(), seed: Type.Integer(), rectifyDays: Type.Integer(),
  evaluateeCount: Type.Integer(), createdAt: Str, openedAt: NStr, closedAt: NStr, publishedAt: NStr, actions: Actions,
  dimensions: Type.Optional(Type.Array(Dimension)), evaluatees: Type.Optional(Type.Array(Evaluatee)),
  progress: Type.Optional(Type.Object({ drawn: Type.Integer(), answered: Type.Integer() })),
}, Open);
export const CampaignPage = Paged(Campaign);

export const AddEvaluateeBody = Type.Object({ kind: EvaluateeKind, subjectId: Id }, { additionalProperties: false });

// ── Scoring ──
export const DimScores = Type.Array(Type.Object({ dimensionId: Id, score: Score }, { additionalProperties: false }), { minItems: 1, maxItems: 20 });
export const ScoreBody = Type.Object({ raterId: Id, targetId: Id, scores: DimScores }, { additionalProperties: false });
export const SheetQuery = Type.Object({ raterId: Type.Optional(Id) }, { additionalProperties: false });
export const Sheet = Type.Object({
  campaign: Type.Object({ id: Type.Integer(), title: Str, status: Str }, Open),
  rater: Type.Object({ id: Type.Integer(), name: Str }, Open),
  dimensions: Type.Array(Dimension),
  rows: Type.Array(Type.Object({ targetId: Type.Integer(), name: Str, self: Type.Boolean(), scores: Type.Record(Str, Type.Integer()), complete: Type.Boolean() }, Open)),
}, Open);
export const MyScoring = Type.Object({ items: Type.Array(Type.Object({ campaignId: Type.Integer(), title: Str, evaluateeId: Type.Integer(), name: Str, kind: Str }, Open)) });

// ── Surveys ──
export const AnswerBody = Type.Object({
  answers: Type.Array(Type.Object({ evaluateeId: Id, scores: DimScores }, { additionalProperties: false }), { minItems: 1, maxItems: 500 }),
}, { additionalProperties: false });
export const Survey = Type.Object({
  sampleId: Type.Integer(), campaignId: Type.Integer(), title: Str, periodStart: Str, periodEnd: Str, status: Str, place: Str, answered: Type.Boolean(),
  dimensions: Type.Array(Dimension), evaluatees: Type.Array(Type.Object({ id: Type.Integer(), name: Str })),
}, Open);
export const MySurveys = Type.Object({ items: Type.Array(Survey) });
export const TokenParams = Type.Object({ token: Type.String({ pattern: '^[0-9a-f]{32}$' }) }, { additionalProperties: false });
export const SampleQuery = Type.Object({ answered: Type.Optional(Type.Boolean()), poolOrgId: Type.Optional(Id), ...PageQueryFields }, { additionalProperties: false });
export const SampleRow = Type.Object({ id: Type.Integer(), drawOrder: Type.Integer(), poolName: Str, orgName: Str, place: Str, answeredAt: NStr, answeredVia: NStr }, Open);
export const SamplePage = Type.Object({ items: Type.Array(SampleRow), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), drawn: Type.Integer(), answered: Type.Integer() });

// ── Results, rectifications ──
export const Results = Type.Object({
  campaign: Campaign, dimensions: Type.Array(Dimension),
  items: Type.Array(Type.Object({ ...Evaluatee.properties, byDimension: Type.Array(Type.Object({ dimensionId: Type.Integer(), self: NNum, peer: NNum, resident: NNum, final: NNum })) }, Open)),
}, Open);
export const RectQuery = Type.Object({
  status: Type.Optional(Type.Enum(['open', 'closed'] as const)), overdue: Type.Optional(Type.Boolean()), campaignId: Type.Optional(Id), ...PageQueryFields,
}, { additionalProperties: false });
export const RectExportQuery = Type.Object({ status: Type.Optional(Type.Enum(['open', 'closed'] as const)), overdue: Type.Optional(Type.Boolean()), campaignId: Type.Optional(Id) }, { additionalProperties: false });
export const Rectification = Type.Object({
  id: Type.Integer(), campaignId: Type.Integer(), campaignTitle: Str, evaluateeId: Type.Integer(), name: Str, finalScore: NNum, passMark: Type.Number(),
  deadline: Str, overdue: Type.Boolean(), status: Str, measures: NStr, reportedAt: NStr, closedAt: NStr,
  signoffs: Type.Array(Type.Object({ level: Str, signer: Str, note: NStr, recordedBy: Str, signedAt: Str })), actions: Actions,
}, Open);
export const RectPage = Paged(Rectification);
export const ReportBody = Type.Object({ measures: Text(4000) }, { additionalProperties: false });
export const SignoffBody = Type.Object({ level: SignoffLevel, signer: Text(50), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }, { additionalProperties: false });
export const PublishedPage = Paged(Campaign);
export const PublishedQuery = Type.Object(PageQueryFields, { additionalProperties: false });

// ── Indicator trees ──
export const IndicatorPurpose = Type.Enum(['community', 'experimentZone'] as const, { description: '社区考核 / 实验区考核' });
export const TreeNodeIn = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$' }), parentKey: Nullable(Type.String({ minLength: 1, maxLength: 40 })),
  name: Text(100), weight: Type.Integer({ minimum: 0, maximum: 100 }),
}, { additionalProperties: false });
const TreeFields = {
  title: Text(200), purpose: IndicatorPurpose,
  nodes: Type.Array(TreeNodeIn, { minItems: 1, maxItems: 300 }),
  subjectIds: Type.Array(Id, { maxItems: 500, uniqueItems: true }),
  evaluatorIds: Type.Array(Id, { maxItems: 200, uniqueItems: true }),
};
export const CreateTreeBody = Type.Object({ orgId: Id, ...TreeFields }, { additionalProperties: false });
export const UpdateTreeBody = Type.Object({
  title: Type.Optional(TreeFields.title), purpose: Type.Optional(IndicatorPurpose), nodes: Type.Optional(TreeFields.nodes),
  subjectIds: Type.Optional(TreeFields.subjectIds), evaluatorIds: Type.Optional(TreeFields.evaluatorIds),
}, { additionalProperties: false });
export const TreeQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })), purpose: Type.Optional(IndicatorPurpose), ...PageQueryFields }, { additionalProperties: false });
export const TreeExportQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })), purpose: Type.Optional(IndicatorPurpose) }, { additionalProperties: false });
export const TreeNode = Type.Object({ id: Type.Integer(), parentId: NInt, position: Type.Integer(), name: Str, weight: Type.Integer() });
export const Tree = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, title: Str, purpose: Str, nodes: Type.Array(TreeNode),
  subjects: Type.Array(Type.Object({ id: Type.Integer(), name: Str })), evaluators: Type.Array(Type.Object({ id: Type.Integer(), name: Str })),
  scored: Type.Boolean(), createdAt: Str, actions: Actions,
}, Open);
export const TreePage = Paged(Type.Object({ id: Type.Integer(), orgName: Str, title: Str, purpose: Str, subjectCount: Type.Integer(), evaluatorCount: Type.Integer(), createdAt: Str }, Open));
export const TreeScoreBody = Type.Object({
  subjectId: Id, scores: Type.Array(Type.Object({ nodeId: Id, score: Score }, { additionalProperties: false }), { minItems: 1, maxItems: 300 }),
}, { additionalProperties: false });
export const TreeSheet = Type.Object({ tree: Tree, mine: Type.Record(Str, Type.Record(Str, Type.Integer())) }, Open);
export const TreeTotals = Type.Object({
  tree: Tree, items: Type.Array(Type.Object({ subjectId: Type.Integer(), name: Str, total: Type.Number(), rank: NInt, nodes: Type.Record(Str, Type.Number()), evaluatorsDone: Type.Integer() }, Open)),
}, Open);
