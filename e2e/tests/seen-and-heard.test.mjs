// Seen and heard, both ways: each page reports what it plays of the other (the browser module, from
// livekit-client's events and WebRTC stats), the snapshot says seenAndHeard, and when a browser holds
// sound back until a click, the diagnosis and the page both say so, and one click ends it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  api, createSession, eventually, jwt, launch, openPage, remoteVideoPlaying, screenshot, sessionServiceUrl, text,
} from './support.mjs';

let browser;
let gestureBrowser;
before(async () => {
  browser = await launch();
  gestureBrowser = await launch({ autoplay: 'user-gesture-required' });
});
after(async () => {
  await browser?.close();
  await gestureBrowser?.close();
});

const seenAndHeardOnThePage = (page) => page.waitForFunction(
  () => document.querySelector('[data-testid="seen-and-heard"]').textContent === 'both see and hear each other',
  null, { timeout: 30000 });

test('both pages play the other: seenAndHeard on both streams, and the support view shows both lanes', async () => {
  const session = await createSession(randomUUID().slice(0, 8));
  const id = session.sessionId;
  const customer = await openPage(browser, id, 'customer');
  const mechanic = await openPage(browser, id, 'mechanic');
  try {
    // Each page learns it from its own stream of snapshots.
    await Promise.all([seenAndHeardOnThePage(customer), seenAndHeardOnThePage(mechanic)]);
    for (const page of [customer, mechanic]) {
      assert.equal(await text(page, 'reception'), 'video, sound');
      assert.equal(await page.isHidden('[data-testid="hear"]'), true);
    }
    const snapshot = (await api('GET', `/v1/sessions/${id}`)).body;
    assert.equal(snapshot.seenAndHeard, true);
    assert.deepEqual(snapshot.customer.receives, { video: true, audio: true });
    assert.deepEqual(snapshot.mechanic.receives, { video: true, audio: true });
    const diagnosis = (await api('GET', `/v1/sessions/${id}/diagnosis`)).body;
    for (const role of ['customer', 'mechanic']) {
      assert.equal(diagnosis.checks.find((c) => c.check === `${role}-reception`).reason, 'SEES_AND_HEARS');
    }
    await screenshot(customer, '08-customer-seen-and-heard');

    // The support view: what a support person opens instead of two consoles.
    const support = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    // Opened with a view ticket, never a JWT in the address (the page renews it for what it reads).
    const { ticket } = (await api('POST', `/v1/sessions/${id}/view-ticket`, 'e2e-support', 'backend')).body;
    await support.goto(`${sessionServiceUrl}/v1/sessions/${id}/diagnosis?ticket=${encodeURIComponent(ticket)}`);
    await support.waitForFunction(() => {
      const rows = [...document.querySelectorAll('#timeline tbody tr')];
      const lane = (column) => rows.some((row) => row.children[column]?.textContent.includes('joined'));
      return lane(1) && lane(2) && document.querySelector('#status').textContent.startsWith('READY')
        && document.querySelectorAll('#checks tbody tr').length > 10;
    }, null, { timeout: 15000 });
    assert.match(await support.textContent('#summary'), /each sees and hears the other/);
    assert.match(await support.textContent('#live'), /seen and heard/);
    await screenshot(support, '09-support-view');
    await support.close();
  } finally {
    await customer.context().close();
    await mechanic.context().close();
    await api('POST', `/v1/sessions/${id}/end`);
  }
});

test('the mechanic\'s browser holds sound back: the diagnosis says so, and one click makes it seen and heard', async () => {
  const session = await createSession(randomUUID().slice(0, 8));
  const id = session.sessionId;
  const customer = await openPage(browser, id, 'customer');
  const mechanic = await openPage(gestureBrowser, id, 'mechanic');
  try {
    await remoteVideoPlaying(customer);
    await mechanic.waitForSelector('[data-testid="hear"]:not([hidden])', { timeout: 20000 });
    assert.equal(await text(mechanic, 'hear'), 'Click to hear the customer');
    await eventually(async () => {
      const checks = (await api('GET', `/v1/sessions/${id}/diagnosis`)).body.checks;
      const reason = (role) => checks.find((c) => c.check === `${role}-reception`).reason;
      return reason('mechanic') === 'AUTOPLAY_BLOCKED' && reason('customer') === 'SEES_AND_HEARS';
    }, 20000);
    const diagnosis = (await api('GET', `/v1/sessions/${id}/diagnosis`)).body;
    assert.equal(diagnosis.summary, "The mechanic's browser blocked sound: they need to click to hear the customer.");
    assert.equal((await api('GET', `/v1/sessions/${id}`)).body.mechanic.receives.audio, false);
    await screenshot(mechanic, '10-mechanic-click-to-hear');

    await mechanic.click('[data-testid="hear"]');
    await Promise.all([seenAndHeardOnThePage(customer), seenAndHeardOnThePage(mechanic)]);
    assert.equal(await mechanic.isHidden('[data-testid="hear"]'), true);
    const after = (await api('GET', `/v1/sessions/${id}`)).body;
    assert.equal(after.seenAndHeard, true);
    assert.deepEqual(after.mechanic.receives, { video: true, audio: true });
  } finally {
    await customer.context().close();
    await mechanic.context().close();
    await api('POST', `/v1/sessions/${id}/end`);
  }
});
