// A supervisor looks in on a READY session, with a real LiveKit and real browsers: the customer's and the
// mechanic's pages stay exactly as they were (LiveKit hides the supervisor from them; READY never counted
// them), the supervisor's page sees and hears both, and the support view lists the supervisor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { api, eventually, launch, openPage, screenshot, sessionServiceUrl } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What a person's page shows, element by element. */
async function shown(page) {
  const ids = ['status', 'participants', 'waiting', 'others', 'recording', 'remote-name', 'seen-and-heard'];
  return Object.fromEntries(await Promise.all(ids.map(async (id) => {
    const element = await page.$(`[data-testid="${id}"]`);
    return [id, `${await element.isHidden() ? 'hidden' : 'shown'}:${await element.textContent()}`];
  })));
}

test('a supervisor joins a READY session hidden: both pages stay as they are, the support view shows them', async () => {
  const suffix = randomUUID().slice(0, 8);
  const created = await api('POST', '/v1/sessions', 'e2e-backend', 'backend', { members: [
    { userId: `cust-${suffix}`, role: 'customer' }, { userId: `mech-${suffix}`, role: 'mechanic' },
    { userId: `boss-${suffix}`, role: 'supervisor' }] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.sessionId;
  assert.deepEqual(created.body.members.map((m) => m.role), ['customer', 'mechanic', 'supervisor']);

  const customer = await openPage(browser, id, 'customer');
  const mechanic = await openPage(browser, id, 'mechanic');
  for (const page of [customer, mechanic]) {
    await page.waitForSelector('[data-testid="waiting"]', { state: 'hidden', timeout: 20000 });
    await eventually(async () => (await page.textContent('[data-testid="seen-and-heard"]')) === 'both see and hear each other', 20000);
  }
  const before = [await shown(customer), await shown(mechanic)];
  assert.equal(before[0].participants, 'shown:2');

  const supervisor = await openPage(browser, id, 'supervisor');
  await eventually(async () => (await api('GET', `/v1/sessions/${id}`)).body.members[2].present === true, 20000);
  // The supervisor sees both people, each playing, and hears them; nobody publishes for them.
  await supervisor.waitForFunction(() => [...document.querySelectorAll('[data-testid="watched-video"]')]
    .filter((v) => v.readyState >= 2 && v.videoWidth > 0 && !v.paused).length === 2, null, { timeout: 20000 });
  assert.match(await supervisor.textContent('[data-testid="you"]'), /looking in as a supervisor \(supervisor-boss-/);
  assert.equal(await supervisor.textContent('[data-testid="participants"]'), '3');
  assert.equal(await supervisor.isHidden('[data-testid="end"]'), true);
  await screenshot(supervisor, '08-supervisor-looking-in');

  // A few seconds with the supervisor in the room: the two pages have not changed in any way.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  assert.deepEqual([await shown(customer), await shown(mechanic)], before);
  const snapshot = (await api('GET', `/v1/sessions/${id}`)).body;
  assert.equal(snapshot.status, 'READY');
  assert.equal(snapshot.waiting, null);
  assert.equal(snapshot.members[2].identity, `supervisor-boss-${suffix}`);

  // The support view, opened with a view ticket as a support engineer would, lists the supervisor.
  const ticket = await api('POST', `/v1/sessions/${id}/view-ticket`);
  assert.equal(ticket.status, 201);
  const support = await (await browser.newContext()).newPage();
  await support.goto(`${sessionServiceUrl}/v1/sessions/${id}/diagnosis?ticket=${encodeURIComponent(ticket.body.ticket)}`);
  await support.waitForSelector('#supervisors:not([hidden])', { timeout: 15000 });
  assert.match(await support.textContent('#supervisors'), new RegExp(`boss-${suffix} in the room since`));

  // A supervisor may not end the session; a backend may.
  assert.equal((await api('POST', `/v1/sessions/${id}/end`, `boss-${suffix}`, 'user')).status, 403);
  assert.equal((await api('POST', `/v1/sessions/${id}/end`)).status, 200);
  await supervisor.waitForSelector('[data-testid="ended"]:not([hidden])', { timeout: 15000 });
});
