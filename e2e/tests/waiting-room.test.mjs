// The seed's quick test: a customer and a mechanic open the same session in two real browsers on a
// real LiveKit server; both leave the waiting room, see each other, and are told when it ends.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  api, createSession, eventually, launch, openPage, remoteVideoPlaying, restartSessionService, screenshot,
} from './support.mjs';

const waitingHidden = (page) => page.waitForSelector('[data-testid="waiting"]', { state: 'hidden', timeout: 10000 });
const text = (page, id) => page.textContent(`[data-testid="${id}"]`);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('customer and mechanic leave the waiting room together and are told when it ends', async (t) => {
  const session = await createSession(randomUUID().slice(0, 8));
  const id = session.sessionId;
  let customer;
  let mechanic;

  await t.test('the first to arrive waits for the other', async () => {
    customer = await openPage(browser, id, 'customer');
    await customer.waitForSelector('[data-testid="waiting"]:not([hidden])', { timeout: 10000 });
    assert.equal(await text(customer, 'waiting-text'), 'Waiting for the mechanic…');
    await customer.waitForFunction(() => document.querySelector('[data-testid="connection"]').textContent === 'Connected');
    await screenshot(customer, '01-customer-waiting');
    // The page is connected to LiveKit; the join webhook may still be on its way to session-service.
    await eventually(async () => (await api('GET', `/v1/sessions/${id}`)).body.customer.present === true);
    const diagnosis = await api('GET', `/v1/sessions/${id}/diagnosis`, session.customer.userId, 'user');
    assert.equal(diagnosis.status, 200);
    assert.match(diagnosis.body.summary, /^Waiting for the mechanic: /);
    assert.match(diagnosis.body.summary, new RegExp(session.mechanic.userId));
    const check = (name) => diagnosis.body.checks.find((c) => c.check === name).status;
    assert.equal(check('customer-joined'), 'PASS');
    assert.equal(check('mechanic-joined'), 'FAIL');
  });

  await t.test('both leave the waiting room within 10 s and see two participants with video playing', async () => {
    const opened = Date.now();
    mechanic = await openPage(browser, id, 'mechanic');
    await Promise.all([waitingHidden(customer), waitingHidden(mechanic)]);
    assert.ok(Date.now() - opened < 10000, `took ${Date.now() - opened} ms`);
    for (const page of [customer, mechanic]) {
      assert.equal(await text(page, 'status'), 'READY');
      await page.waitForFunction(() => document.querySelector('[data-testid="participants"]').textContent === '2');
      assert.equal(await text(page, 'connection'), 'Connected');
      await remoteVideoPlaying(page);
    }
    await screenshot(customer, '02-customer-ready');
    await screenshot(mechanic, '02-mechanic-ready');
    // Both publish the fake camera and microphone (LiveKit's track webhooks), and each page plays the
    // other's video and sound (the browser module's reports): seen and heard.
    await eventually(async () => (await api('GET', `/v1/sessions/${id}`)).body.seenAndHeard === true, 20000);
    const snapshot = await api('GET', `/v1/sessions/${id}`);
    assert.equal(snapshot.body.mediaReady, true);
    assert.equal(snapshot.body.status, 'READY');
    assert.deepEqual(snapshot.body.mechanic.media, { camera: true, microphone: true });
    assert.equal(snapshot.body.customer.identity, `customer-${session.customer.userId}`);
    const diagnosis = await api('GET', `/v1/sessions/${id}/diagnosis`);
    for (const check of diagnosis.body.checks) {
      assert.equal(check.status, 'PASS', `${check.check}: ${check.detail}`);
    }
    assert.match(diagnosis.body.summary, /^READY: .*, and each sees and hears the other\.$/);
    assert.equal(snapshot.body.mechanic.identity, `mechanic-${session.mechanic.userId}`);
  });

  await t.test('the mechanic closes the page: the customer waits again', async () => {
    await mechanic.context().close();
    // The mechanic's camera may be seen to go before the mechanic does ("Waiting for the mechanic's
    // camera…"); then the leave arrives.
    await customer.waitForFunction(() => document.querySelector('[data-testid="waiting-text"]').textContent
      === 'Waiting for the mechanic…' && !document.querySelector('[data-testid="waiting"]').hidden, null, { timeout: 30000 });
    await screenshot(customer, '03-customer-waiting-again');
  });

  await t.test('the mechanic reopens in two tabs: READY holds when LiveKit kicks the older tab', async () => {
    const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
    const tab1 = await context.newPage();
    await tab1.goto(`${process.env.DEMO_URL ?? 'http://127.0.0.1:8080'}/?session=${id}&role=mechanic`);
    await waitingHidden(customer);
    const readyAt = (await api('GET', `/v1/sessions/${id}`)).body.readyAt;
    const tab2 = await context.newPage();
    await tab2.goto(`${process.env.DEMO_URL ?? 'http://127.0.0.1:8080'}/?session=${id}&role=mechanic`);
    await tab2.waitForFunction(() => document.querySelector('[data-testid="connection"]').textContent === 'Connected');
    await tab1.waitForFunction(() => document.querySelector('[data-testid="connection"]').textContent.startsWith('Disconnected'),
      null, { timeout: 15000 });
    assert.match(await text(tab1, 'connection'), /DUPLICATE_IDENTITY/);
    await remoteVideoPlaying(customer);
    // Long enough for the kick's participant_left webhook to have been folded.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const snapshot = await api('GET', `/v1/sessions/${id}`);
    assert.equal(snapshot.body.status, 'READY');
    // The kicked tab's tracks went with it (media changes are new versions), but READY never dropped.
    assert.equal(snapshot.body.readyAt, readyAt, 'READY held through the second tab and the kick');
    await waitingHidden(customer);
    mechanic = tab2;
    await screenshot(tab2, '04-mechanic-second-tab');
  });

  await t.test('"End session" ends it for both', async () => {
    await customer.click('[data-testid="end"]');
    for (const page of [customer, mechanic]) {
      await page.waitForSelector('[data-testid="ended"]:not([hidden])', { timeout: 10000 });
    }
    await screenshot(customer, '05-customer-ended');
    await screenshot(mechanic, '05-mechanic-ended');
    const snapshot = await api('GET', `/v1/sessions/${id}`);
    assert.equal(snapshot.body.status, 'ENDED');
    assert.equal(snapshot.body.endReason, 'ended-by-customer');
    // session-service removed the LiveKit room: LiveKit lists nobody in it any more.
    await eventually(async () => {
      const diagnosis = await api('GET', `/v1/sessions/${id}/diagnosis`);
      return diagnosis.body.checks.find((c) => c.check === 'livekit').evidence.participants.length === 0;
    });
  });
});

test('a mechanic without a camera: the customer waits for the camera and the diagnosis names it', async () => {
  const session = await createSession(randomUUID().slice(0, 8));
  const id = session.sessionId;
  const customer = await openPage(browser, id, 'customer');
  const mechanic = await openPage(browser, id, 'mechanic', { camera: false });
  try {
    await eventually(async () => {
      const body = (await api('GET', `/v1/sessions/${id}`)).body;
      return body.status === 'READY' && body.mechanic.media.microphone === true && body.customer.media.camera === true;
    }, 20000);
    await customer.waitForFunction(() => document.querySelector('[data-testid="waiting-text"]').textContent
      === "Waiting for the mechanic's camera…", null, { timeout: 10000 });
    assert.equal(await customer.isHidden('[data-testid="waiting"]'), false);
    await screenshot(customer, '06-customer-waits-for-camera');
    const snapshot = await api('GET', `/v1/sessions/${id}`);
    assert.equal(snapshot.body.mediaReady, false);
    assert.equal(snapshot.body.mechanic.media.camera, false);
    const diagnosis = await api('GET', `/v1/sessions/${id}/diagnosis`);
    const media = diagnosis.body.checks.find((c) => c.check === 'mechanic-media');
    assert.equal(media.status, 'WARN');
    assert.match(media.detail, /^mechanic-mech-\S+ joined at \S+ and has published no camera for \d+ s$/);
    assert.match(diagnosis.body.summary, /^READY, but not yet seen and heard: .*has published no camera/);

    await mechanic.click('[data-testid="camera"]');
    await eventually(async () => (await api('GET', `/v1/sessions/${id}`)).body.mediaReady === true, 15000);
    await waitingHidden(customer);
    await remoteVideoPlaying(customer);
    await remoteVideoPlaying(mechanic);
    await screenshot(customer, '07-customer-sees-the-camera');
  } finally {
    await customer.context().close();
    await mechanic.context().close();
    await api('POST', `/v1/sessions/${id}/end`);
  }
});

test('a page follows the session across a session-service restart and an expired JWT, and stops after ENDED', { timeout: 180000 }, async () => {
  const session = await createSession(randomUUID().slice(0, 8));
  const id = session.sessionId;
  // The customer's page is given JWTs that expire after 1 s; with SmallRye JWT's 60 s clock skew, a
  // reconnect more than 61 s later is refused until the page fetches a fresh one.
  const opened = Date.now();
  const customer = await openPage(browser, id, 'customer', { jwtTtl: 1 });
  const jwtRequests = [];
  const streamRequests = [];
  customer.on('request', (request) => {
    if (request.url().includes('/dev/token')) jwtRequests.push(request.url());
    if (request.url().includes(`/v1/sessions/${id}/stream`)) streamRequests.push(Date.now());
  });
  try {
    await customer.waitForFunction(() => document.querySelector('[data-testid="stream"]').textContent === 'open');
    await customer.waitForSelector('[data-testid="waiting"]:not([hidden])');
    const before = jwtRequests.length;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, opened + 63000 - Date.now())));

    await restartSessionService();
    await customer.waitForFunction(() => document.querySelector('[data-testid="stream"]').textContent === 'reconnecting');

    const mechanic = await openPage(browser, id, 'mechanic');
    await customer.waitForFunction(() => document.querySelector('[data-testid="status"]').textContent === 'READY',
      null, { timeout: 20000 });
    assert.equal(await text(customer, 'stream'), 'open');
    assert.ok(jwtRequests.length > before, 'the page fetched a fresh JWT after its expired one was refused');
    await screenshot(customer, '08-customer-ready-after-restart');

    assert.equal((await api('POST', `/v1/sessions/${id}/end`)).status, 200);
    await customer.waitForFunction(() => document.querySelector('[data-testid="stream"]').textContent === 'closed');
    assert.equal(await text(customer, 'status'), 'ENDED');
    const streamsAtEnd = streamRequests.length;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    assert.equal(streamRequests.length, streamsAtEnd, 'no reconnect after ENDED');
    await mechanic.context().close();
  } finally {
    await customer.context().close();
  }
});
