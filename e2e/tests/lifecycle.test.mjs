// A session ends when people end it: an emptied LiveKit room does not, so a person who arrives later
// still gets in; and a page tells the one waiting when the other is late.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { api, createSession, eventually, launch, openPage, remoteVideoPlaying, screenshot } from './support.mjs';

const text = (page, id) => page.textContent(`[data-testid="${id}"]`);
const waitingHidden = (page) => page.waitForSelector('[data-testid="waiting"]', { state: 'hidden', timeout: 15000 });
// A page opens with its waiting box hidden and no status yet: READY shown is what says it got in.
const readyShown = (page) => page.waitForFunction(() => document.querySelector('[data-testid="status"]').textContent === 'READY',
  null, { timeout: 15000 });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the customer leaves, LiveKit closes the empty room, the customer comes back and the mechanic gets in', { timeout: 120000 }, async () => {
  const session = await createSession(randomUUID().slice(0, 8));
  const id = session.sessionId;
  let customer = await openPage(browser, id, 'customer');
  await customer.waitForFunction(() => document.querySelector('[data-testid="connection"]').textContent === 'Connected');
  await eventually(async () => (await api('GET', `/v1/sessions/${id}`)).body.customer.present === true, 15000);
  // The customer closes the tab; LiveKit closes the empty room after its departure timeout (10 s here).
  await customer.context().close();
  await eventually(async () => {
    const diagnosis = await api('GET', `/v1/sessions/${id}/diagnosis`);
    return diagnosis.body.checks.find((c) => c.check === 'livekit').evidence.participants.length === 0;
  }, 30000);
  await new Promise((resolve) => setTimeout(resolve, 12000));
  const afterTheRoom = await api('GET', `/v1/sessions/${id}`);
  assert.equal(afterTheRoom.body.status, 'WAITING', 'an emptied room does not end the session');
  assert.equal(afterTheRoom.body.customer.present, false);

  // The customer comes back and the mechanic arrives a minute late: both get in and see each other.
  customer = await openPage(browser, id, 'customer');
  const mechanic = await openPage(browser, id, 'mechanic');
  try {
    await Promise.all([readyShown(customer), readyShown(mechanic)]);
    await Promise.all([waitingHidden(customer), waitingHidden(mechanic)]);
    for (const page of [customer, mechanic]) {
      assert.equal(await text(page, 'status'), 'READY');
      await remoteVideoPlaying(page);
    }
    await screenshot(mechanic, '09-mechanic-in-after-the-room-closed');
  } finally {
    await customer.context().close();
    await mechanic.context().close();
    await api('POST', `/v1/sessions/${id}/end`);
  }
});

test('the one who waits is told the other is late once the wait is overdue', { timeout: 90000 }, async () => {
  const session = await createSession(randomUUID().slice(0, 8));
  const id = session.sessionId;
  const customer = await openPage(browser, id, 'customer');
  try {
    await customer.waitForSelector('[data-testid="waiting"]:not([hidden])', { timeout: 10000 });
    assert.equal(await text(customer, 'waiting-text'), 'Waiting for the mechanic…');
    // The test command runs the services with WAIT_OVERDUE_AFTER=PT15S.
    await customer.waitForFunction(() => /^The mechanic is late — waiting \d+ min$/
      .test(document.querySelector('[data-testid="waiting-text"]').textContent), null, { timeout: 45000 });
    const snapshot = await api('GET', `/v1/sessions/${id}`);
    assert.equal(snapshot.body.waiting.for, 'mechanic');
    assert.equal(snapshot.body.waiting.overdue, true);
    await screenshot(customer, '10-customer-told-the-mechanic-is-late');
  } finally {
    await customer.context().close();
    await api('POST', `/v1/sessions/${id}/end`);
  }
});
