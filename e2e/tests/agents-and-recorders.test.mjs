// Services in the room, with a real LiveKit and real browsers: an AI agent (LiveKit kind AGENT) whose
// token copied the mechanic's metadata and a recorder (kind EGRESS) join a customer's and a mechanic's
// session. Neither counts for a role; both pages say the call is recorded while the recorder is there;
// the diagnosis names them as what they are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { api, createSession, demoUrl, eventually, launch, openPage, screenshot } from './support.mjs';

const livekitUrl = process.env.LIVEKIT_URL ?? 'ws://127.0.0.1:7880';
const apiKey = process.env.LIVEKIT_API_KEY ?? 'devkey';
const apiSecret = process.env.LIVEKIT_API_SECRET ?? 'rendezvous-dev-secret-0123456789abcdef';

const base64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A LiveKit token of the given kind, signed as LiveKit's SDKs sign one (what Agents and Egress mint for themselves). */
function serviceToken(room, identity, kind, metadata = '') {
  const now = Math.floor(Date.now() / 1000);
  const payload = { iss: apiKey, sub: identity, jti: identity, nbf: now - 60, exp: now + 600, kind, metadata,
    video: { roomJoin: true, room, canPublish: false, canSubscribe: true } };
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(payload)}`;
  return `${unsigned}.${createHmac('sha256', apiSecret).update(unsigned).digest('base64url')}`;
}

/** A participant that is not a person: livekit-client in its own page, connected with a service's token. */
async function joinAsService(browser, token) {
  const page = await (await browser.newContext()).newPage();
  // A page of the demo's origin (a local one, so Chromium lets it reach LiveKit on this host), not the demo app.
  await page.goto(`${demoUrl}/config.js`);
  // The demo server's copy of livekit-client, the one the pages use.
  await page.addScriptTag({ content: await (await fetch(`${demoUrl}/vendor/livekit-client.js`)).text() });
  await page.evaluate(async ([url, jwt]) => {
    window.room = new LivekitClient.Room();
    await window.room.connect(url, jwt);
  }, [livekitUrl, token]);
  return page;
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an agent and a recorder in the room are named, never counted, and the recording is said on both pages', async () => {
  const session = await createSession(randomUUID().slice(0, 8));
  const id = session.sessionId;
  const room = `session-${id}`;
  const customer = await openPage(browser, id, 'customer');
  await customer.waitForSelector('[data-testid="waiting"]:not([hidden])', { timeout: 10000 });
  await eventually(async () => (await api('GET', `/v1/sessions/${id}`)).body.customer.present === true, 15000);

  // The agent's token carries the mechanic's role and user id: it must not make the session READY.
  const agent = await joinAsService(browser, serviceToken(room, 'agent-AJ_fault_codes', 'agent',
    JSON.stringify({ role: 'mechanic', sessionId: id, userId: session.mechanic.userId })));
  await eventually(async () => (await api('GET', `/v1/sessions/${id}`)).body.others?.some((o) => o.kind === 'AGENT'), 15000);
  let snapshot = (await api('GET', `/v1/sessions/${id}`)).body;
  assert.equal(snapshot.status, 'WAITING');
  assert.equal(snapshot.mechanic.present, false);
  assert.equal(await customer.textContent('[data-testid="waiting-text"]'), 'Waiting for the mechanic…');

  const mechanic = await openPage(browser, id, 'mechanic');
  await mechanic.waitForSelector('[data-testid="waiting"]', { state: 'hidden', timeout: 15000 });
  const recorder = await joinAsService(browser, serviceToken(room, 'EG_compliance', 'egress'));
  for (const page of [customer, mechanic]) {
    await page.waitForSelector('[data-testid="recording"]:not([hidden])', { timeout: 15000 });
    assert.match(await page.textContent('[data-testid="others"]'), /an AI agent \(agent-AJ_fault_codes\).*a recorder \(EG_compliance\)/);
  }
  await screenshot(customer, '07-customer-recorded');
  snapshot = (await api('GET', `/v1/sessions/${id}`)).body;
  assert.equal(snapshot.status, 'READY');
  assert.equal(snapshot.recording, true);
  assert.deepEqual(snapshot.others.map((o) => o.kind).sort(), ['AGENT', 'EGRESS']);
  const diagnosis = (await api('GET', `/v1/sessions/${id}/diagnosis`)).body;
  const check = (name) => diagnosis.checks.find((c) => c.check === name);
  assert.match(check('others').detail, /the call is being recorded/);
  assert.match(check('others').detail, /an AI agent agent-AJ_fault_codes/);
  assert.equal(check('uninvited').status, 'PASS', check('uninvited').detail);
  assert.equal(check('identity-and-role').status, 'PASS', check('identity-and-role').detail);

  // The recorder leaves: both pages stop saying so; the session stays READY throughout.
  await recorder.evaluate(() => window.room.disconnect());
  for (const page of [customer, mechanic]) {
    await page.waitForSelector('[data-testid="recording"]', { state: 'hidden', timeout: 15000 });
  }
  assert.equal((await api('GET', `/v1/sessions/${id}`)).body.status, 'READY');
  await agent.evaluate(() => window.room.disconnect());
  assert.equal((await api('POST', `/v1/sessions/${id}/end`)).status, 200);
});
