import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../api/fixtures.js';
import { DESKTOP, ensureWebBuild, haveChromium, launchChromium, logIn, PHONE } from './harness.js';

/**
 * The 事事有回音 journey in real Chromium: a resident raises a topic on the phone; the
 * community worker accepts it and starts a vote of the community's council from the topic;
 * a representative votes on the phone (voting's /m/votes/:id page); the worker closes the
 * vote on voting's console page; the adopted decision becomes a task with an owner and a
 * deadline, which the worker reports progress on; the raiser sees the decision with its
 * counts, the task's progress and the whole history on the phone.
 */
const USERS = { worker: 'communityworker_w', raiser: 'raiser_phone', rep: 'rep_phone' };
const OK = /确\s*定|OK/;
/** The machine is shared: give the UI time to refetch before a poll gives up. */
const SLOW = { timeout: 20_000 };
const confirmOk = (p: Page) => p.locator('.ant-modal-confirm').getByRole('button', { name: OK }).click();
const field = (p: Page, id: string) => p.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`).first();
const choose = async (p: Page, id: string, text: string) => {
  await p.getByTestId(id).click();
  await p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();
};

describe.skipIf(!haveChromium)('deliberation journey in Chromium', () => {
  let t: TestApp;
  let w: World;
  let browser: Browser;
  let base: string;
  let topicId = 0;
  let voteId = 0;

  const open = async (options: BrowserContextOptions) => (await browser.newContext({ ...options, timezoneId: 'Asia/Shanghai' })).newPage();
  async function signIn(page: Page, username: string, landing: RegExp) {
    await logIn(page, base, username);
    await page.waitForURL(landing);
  }

  beforeAll(async () => {
    ensureWebBuild();
    t = await createTestApp();
    w = await buildWorld(t, ['communityWorker']);
    await t.user('resident', w.communityA.code, USERS.raiser);
    const rep = await t.user('resident', w.communityA.code, USERS.rep);
    const worker = await t.login(USERS.worker);
    const b = await worker.post('/api/v1/delib-bodies', { orgId: w.communityA.id, name: '富康社区居民议事会' });
    expect(b.statusCode, b.body).toBe(201);
    const m = await worker.post(`/api/v1/delib-bodies/${b.json().body.id}/members`, { userId: rep.id, memberKind: 'buildingHead', name: '王楼长' });
    expect(m.statusCode, m.body).toBe(201);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a resident raises a topic on the phone', { timeout: 120_000 }, async () => {
    const phone = await open(PHONE);
    await signIn(phone, USERS.raiser, /\/m$/);
    await phone.getByText('议事协商').first().click();
    await phone.waitForURL(/\/m\/topics$/);
    await phone.getByText('您还没有提出过议题').waitFor();
    await phone.getByTestId('m-topic-raise').click();
    await phone.waitForURL(/\/m\/topics\/new$/);
    await choose(phone, 'm-raise-field', '民生');
    await field(phone, 'm-raise-title').fill('3 号楼门前路灯不亮');
    await field(phone, 'm-raise-description').fill('晚上回家很黑，老人容易摔倒，希望尽快修好。');
    await phone.getByTestId('m-raise-submit').click();
    await phone.waitForURL(/\/m\/topics\/\d+$/);
    topicId = Number(new URL(phone.url()).pathname.split('/').pop());
    await expect.poll(() => phone.getByTestId('delib-status').first().textContent(), SLOW).toBe('待受理');
    await phone.getByTestId('delib-event-raised').waitFor();
    await phone.context().close();
  });

  it('the worker accepts it and starts a vote of the council; a representative approves on the phone; the worker closes the vote', { timeout: 300_000 }, async () => {
    const desk = await open(DESKTOP);
    await signIn(desk, USERS.worker, /\/app\//);
    await desk.goto(`${base}/app/topics`);
    await desk.getByTestId(`delib-topic-${topicId}`).click();
    await desk.waitForURL(new RegExp(`/app/topics/${topicId}$`));
    await desk.getByTestId('delib-topic-accept').click();
    await expect.poll(() => desk.getByTestId('delib-status').first().textContent(), SLOW).toBe('已受理');
    await desk.getByTestId('delib-topic-vote').click();
    await choose(desk, 'delib-dialog-bodyId', '富康社区居民议事会');
    await desk.getByTestId('delib-dialog-ok').click();
    await desk.waitForURL(/\/app\/votes\/\d+$/);
    voteId = Number(new URL(desk.url()).pathname.split('/').pop());

    const phone = await open(PHONE);
    await signIn(phone, USERS.rep, /\/m$/);
    await phone.goto(`${base}/m/votes/${voteId}`);
    await phone.getByTestId('m-choice-approve').click();
    await phone.getByTestId('m-cast').click();
    await confirmOk(phone);
    await phone.getByTestId('m-receipt-code').waitFor();
    await phone.context().close();

    await desk.reload();
    await desk.getByTestId('vote-close').click();
    await confirmOk(desk);
    await expect.poll(() => desk.getByTestId('vote-close').count(), SLOW).toBe(0);
    await desk.goto(`${base}/app/topics/${topicId}`);
    await expect.poll(() => desk.getByTestId('delib-decision-outcome').textContent(), SLOW).toBe('通过');
    expect(await desk.getByTestId('delib-decision-counts').textContent()).toContain('赞成 1');

    // The decision becomes a task with an owner and a deadline; the worker reports progress.
    await desk.getByTestId('delib-topic-addTask').click();
    await field(desk, 'delib-dialog-title').fill('更换 3 号楼门前路灯');
    await choose(desk, 'delib-dialog-ownerKind', '业委会');
    await field(desk, 'delib-dialog-ownerName').fill('富康小区业委会');
    const due = field(desk, 'delib-dialog-dueOn');
    await due.click();
    await due.fill('2099-01-31');
    await due.press('Enter');
    await desk.getByTestId('delib-dialog-ok').click();
    const task = desk.locator('[data-testid^="delib-task-"][data-testid$="-progress"]').first();
    await task.waitFor();
    await expect.poll(() => desk.getByTestId('delib-status').first().textContent(), SLOW).toBe('落实中');
    await task.click();
    await field(desk, 'delib-dialog-progress').fill('60');
    await field(desk, 'delib-dialog-note').fill('灯具已到货，周五安装');
    await desk.getByTestId('delib-dialog-ok').click();
    await expect.poll(() => desk.getByTestId('delib-topic-tasks').textContent(), SLOW).toContain('灯具已到货，周五安装');
    await desk.goto(`${base}/app/delib-tasks`);
    await expect.poll(() => desk.getByTestId('delib-tasks-list').textContent(), SLOW).toContain('更换 3 号楼门前路灯');
    await expect.poll(() => desk.getByTestId('delib-task-summary').textContent(), SLOW).toContain('进行中 1');
    await desk.context().close();
  });

  it('the raiser sees the decision and the task feedback on the phone', { timeout: 120_000 }, async () => {
    const phone = await open(PHONE);
    await signIn(phone, USERS.raiser, /\/m$/);
    await phone.goto(`${base}/m/topics`);
    await phone.getByTestId(`m-topic-${topicId}`).click();
    await phone.waitForURL(new RegExp(`/m/topics/${topicId}$`));
    await expect.poll(() => phone.getByTestId('delib-decision-outcome').textContent(), SLOW).toBe('通过');
    expect(await phone.getByTestId('delib-decision-counts').textContent()).toContain('应投 1 人，实投 1 人；赞成 1');
    const tasks = phone.getByTestId('m-topic-tasks');
    expect(await tasks.textContent()).toContain('更换 3 号楼门前路灯');
    expect(await tasks.textContent()).toContain('灯具已到货，周五安装');
    expect(await tasks.textContent()).toContain('60%');
    for (const kind of ['raised', 'accept', 'vote', 'voteClosed', 'task', 'progress']) await phone.getByTestId(`delib-event-${kind}`).first().waitFor();
    expect(await phone.getByTestId('m-topic-vote').count()).toBe(1);
  });
});
