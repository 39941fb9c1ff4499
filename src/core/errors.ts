/**
 * Typed application errors: a stable code, an HTTP status, and a message in Chinese and
 * English chosen per request. Services throw these; the one error handler renders them.
 */
export type Lang = 'zh' | 'en';
export interface Msg { zh: string; en: string }
export type FieldErrors = Record<string, Msg>;

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly msg: Msg,
    readonly fields?: FieldErrors,
  ) {
    super(msg.en);
  }
  render(lang: Lang) {
    const fields = this.fields
      ? Object.fromEntries(Object.entries(this.fields).map(([k, m]) => [k, m[lang]]))
      : undefined;
    return { error: { code: this.code, message: this.msg[lang], ...(fields ? { fields } : {}) } };
  }
}

const ENTITY: Record<string, Msg> = {
  org: { zh: '组织', en: 'org' },
  user: { zh: '用户', en: 'user' },
  session: { zh: '会话', en: 'session' },
  route: { zh: '接口', en: 'route' },
  estate: { zh: '小区', en: 'estate' },
  building: { zh: '楼栋', en: 'building' },
  unit: { zh: '单元', en: 'unit' },
  household: { zh: '户', en: 'household' },
  resident: { zh: '居民', en: 'resident' },
  correction: { zh: '更正申请', en: 'correction request' },
  import: { zh: '导入任务', en: 'import job' },
  gridPost: { zh: '网格岗位', en: 'grid post' },
  attachment: { zh: '附件', en: 'attachment' },
  visit: { zh: '走访记录', en: 'visit' },
  workLog: { zh: '工作日志', en: 'work log' },
  meeting: { zh: '例会记录', en: 'meeting notes' },
  request: { zh: '诉求', en: 'request' },
  requestCategory: { zh: '诉求分类', en: 'request category' },
  routeRule: { zh: '派单规则', en: 'routing rule' },
  summons: { zh: '吹哨报到记录', en: 'summons' },
  apiKey: { zh: '接入密钥', en: 'API key' },
  notification: { zh: '通知', en: 'notification' },
  // Volunteering and points (issue 5)
  pointAccount: { zh: '积分账户', en: 'points account' },
  pointTxn: { zh: '积分流水', en: 'points movement' },
  volunteer: { zh: '志愿者', en: 'volunteer' },
  activity: { zh: '活动', en: 'activity' },
  signup: { zh: '报名记录', en: 'sign-up' },
  storeItem: { zh: '爱心超市商品', en: 'store item' },
  donor: { zh: '捐赠方', en: 'donor' },
  donation: { zh: '捐赠记录', en: 'donation' },
  redemption: { zh: '兑换记录', en: 'redemption' },
  partyMember: { zh: '在职党员', en: 'party member' },
  partnerUnit: { zh: '共建单位', en: 'partner unit' },
  contract: { zh: '共建协议', en: 'partnership contract' },
  need: { zh: '需求', en: 'need' },
  serviceOffer: { zh: '服务项目', en: 'service offer' },
  servicePost: { zh: '服务岗位', en: 'service post' },
  claim: { zh: '认领记录', en: 'claim' },
  assessment: { zh: '考评', en: 'assessment' },
  // Deliberation and voting (issue 6)
  topic: { zh: '议题', en: 'topic' },
  deliberationBody: { zh: '议事机构', en: 'deliberation body' },
  representative: { zh: '议事代表', en: 'representative' },
  deliberationForm: { zh: '议事形式', en: 'deliberation form' },
  deliberationMeeting: { zh: '议事会议', en: 'deliberation meeting' },
  consultation: { zh: '协商征询', en: 'consultation' },
  comment: { zh: '评论', en: 'comment' },
  decision: { zh: '议定事项', en: 'decision' },
  task: { zh: '落实任务', en: 'follow-up task' },
  vote: { zh: '表决', en: 'vote' },
  ballot: { zh: '选票', en: 'ballot' },
  microBudget: { zh: '微实事预算', en: 'micro-project budget' },
  microProject: { zh: '微实事项目', en: 'micro-project' },
  microRound: { zh: '微实事投票轮次', en: 'micro-project round' },
  // Three-society linkage (issue 7)
  socialOrg: { zh: '社会组织', en: 'social organization' },
  incubationBase: { zh: '孵化基地', en: 'incubation base' },
  incubationService: { zh: '孵化服务记录', en: 'incubation service' },
  growthAssessment: { zh: '成长评估', en: 'growth assessment' },
  socialWorker: { zh: '社会工作者', en: 'social worker' },
  station: { zh: '社工站', en: 'social work station' },
  workerProfile: { zh: '社区工作者档案', en: 'community worker profile' },
  ladderGrade: { zh: '岗位等级', en: 'ladder grade' },
  training: { zh: '培训记录', en: 'training record' },
  fund: { zh: '资金', en: 'fund' },
  budgetLine: { zh: '预算科目', en: 'budget line' },
  project: { zh: '项目', en: 'project' },
  bid: { zh: '投标', en: 'bid' },
  milestone: { zh: '项目节点', en: 'milestone' },
  tranche: { zh: '拨付批次', en: 'tranche' },
  supervisionRecord: { zh: '监督记录', en: 'supervision record' },
  campaign: { zh: '评价活动', en: 'evaluation campaign' },
  evaluatee: { zh: '被评价对象', en: 'evaluatee' },
  survey: { zh: '满意度调查', en: 'survey' },
  rectification: { zh: '整改', en: 'rectification' },
  indicatorTree: { zh: '考核指标体系', en: 'indicator tree' },
};
const entity = (e: string): Msg => ENTITY[e] ?? { zh: e, en: e };

export const errors = {
  validation: (fields: FieldErrors, summary?: Msg) =>
    new AppError('VALIDATION_FAILED', 400, summary ?? {
      zh: `输入有误：${Object.entries(fields).map(([k, m]) => `${k} ${m.zh}`).join('；')}`,
      en: `Invalid input: ${Object.entries(fields).map(([k, m]) => `${k} ${m.en}`).join('; ')}`,
    }, fields),
  field: (field: string, msg: Msg) => errors.validation({ [field]: msg }),
  badRequest: (code: string, msg: Msg) => new AppError(code, 400, msg),
  unauthenticated: () => new AppError('UNAUTHENTICATED', 401, { zh: '请先登录', en: 'Please log in' }),
  sessionExpired: () => new AppError('UNAUTHENTICATED', 401, { zh: '会话已过期，请重新登录', en: 'Your session has expired; please log in again' }),
  forbidden: (what?: Msg) => new AppError('FORBIDDEN', 403, what ?? { zh: '没有权限执行此操作', en: 'You are not allowed to do this' }),
  passwordChangeRequired: () => new AppError('PASSWORD_CHANGE_REQUIRED', 403, { zh: '请先修改密码', en: 'Change your password first' }),
  csrf: () => new AppError('CSRF_FAILED', 403, { zh: 'CSRF 校验失败，请刷新页面后重试', en: 'CSRF check failed; reload the page and try again' }),
  /** Out-of-scope and missing look the same, so existence is not revealed. */
  notFound: (kind: string) => new AppError('NOT_FOUND', 404, {
    zh: `${entity(kind).zh}不存在或无权访问`,
    en: `${entity(kind).en} not found or not accessible`,
  }),
  conflict: (code: string, msg: Msg, fields?: FieldErrors) => new AppError(code, 409, msg, fields),
  tooLarge: (limit: number) => new AppError('PAYLOAD_TOO_LARGE', 413, {
    zh: `请求体过大，上限 ${limit} 字节`, en: `Request body too large; the limit is ${limit} bytes`,
  }),
  unsupportedMedia: () => new AppError('UNSUPPORTED_MEDIA_TYPE', 415, {
    zh: '不支持的内容类型，请使用 application/json', en: 'Unsupported content type; use application/json',
  }),
  tooManyRequests: () => new AppError('RATE_LIMITED', 429, { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' }),
};
