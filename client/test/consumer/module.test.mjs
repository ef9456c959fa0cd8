// The module's pure parts and its stream client, run against the installed package under Node (fetch
// is replaced by a fake here: the real stream, LiveKit and browsers are the e2e suite's part).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe, waitingText, measureReception, followSession, isPerson } from '@rendezvous/client';

const party = (present) => ({ userId: 'u', present, identity: present ? 'x' : null, since: null, media: { camera: true, microphone: true } });
const snapshot = (status, customer, mechanic, waiting = null) => ({
  sessionId: 's', status, version: 2, customer: party(customer), mechanic: party(mechanic), mediaReady: false,
  waiting, readyAt: null, endedAt: null, endReason: null,
});

test('describe names whom a page waits for, from its own role', () => {
  assert.equal(describe(snapshot('WAITING', true, false), 'customer').waitingFor, 'mechanic');
  assert.equal(describe(snapshot('WAITING', false, true), 'mechanic').waitingFor, 'customer');
  assert.equal(describe(snapshot('READY', true, true), 'customer').waitingFor, null);
  assert.equal(describe(snapshot('READY', true, true), 'customer').seenAndHeard, false, 'absent seenAndHeard reads as false');
});

test('describe says who else is in the room and whether it is recorded', () => {
  const recorded = { ...snapshot('READY', true, true), others: [{ kind: 'EGRESS', identity: 'EG_1', since: null }], recording: true };
  assert.equal(describe(recorded, 'customer').recording, true);
  assert.deepEqual(describe(recorded, 'customer').others.map((o) => o.kind), ['EGRESS']);
  assert.equal(describe(snapshot('READY', true, true), 'customer').recording, false, 'absent recording reads as false');
  assert.deepEqual(describe(snapshot('READY', true, true), 'customer').others, []);
});

test('describe lists the members and the supervisors among them', () => {
  const withBoss = { ...snapshot('READY', true, true), members: [{ role: 'customer', userId: 'c' }, { role: 'mechanic', userId: 'm' },
    { role: 'supervisor', userId: 'boss', present: true }] };
  assert.deepEqual(describe(withBoss, 'supervisor').supervisors.map((m) => m.userId), ['boss']);
  assert.equal(describe(withBoss, 'supervisor').waitingFor, null, 'a READY session waits for nobody, whoever looks');
  assert.deepEqual(describe(snapshot('WAITING', true, false), 'customer').members.map((m) => m.role), ['customer', 'mechanic'],
    'a record from before members existed: its customer and mechanic');
  assert.deepEqual(describe(snapshot('WAITING', true, false), 'customer').supervisors, []);
});

test('isPerson tells a page from an agent or a recorder', () => {
  assert.equal(isPerson({ kind: 0 }), true);
  assert.equal(isPerson({}), true);
  assert.equal(isPerson({ kind: 4 }), false);
  assert.equal(isPerson({ kind: 'AGENT' }), false);
});

test('waitingText says late only once the server says overdue', () => {
  const since = new Date('2026-11-27T08:00:00Z');
  assert.equal(waitingText({ waitingFor: 'mechanic', late: false, waitingSince: since }), 'Waiting for the mechanic…');
  assert.equal(waitingText({ waitingFor: 'mechanic', late: true, waitingSince: since }, new Date('2026-11-27T08:03:30Z')),
    'The mechanic is late — waiting 3 min');
  assert.equal(waitingText({ waitingFor: null, late: false, waitingSince: null }), '');
});

test('measureReception blames blocked autoplay before anything else', () => {
  const all = { video: true, audio: true };
  const reading = measureReception({ subscribed: all, playing: all, advanced: all, autoplayBlocked: true, published: all,
    failed: { video: false, audio: false } });
  assert.deepEqual(reading, { video: true, audio: false, problem: 'autoplay-blocked' });
});

test('followSession sends the JWT in a header, never in the URL, and stops after ENDED', async () => {
  const calls = [];
  const ended = { ...snapshot('ENDED', false, false), endReason: 'ended-by-backend', version: 3 };
  globalThis.fetch = async (url, init) => {
    calls.push({ url, init });
    const body = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(`id: 3\ndata: ${JSON.stringify(ended)}\n\n`)); c.close(); } });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  };
  const states = [];
  const done = new Promise((resolve) => {
    followSession({ sessionServiceUrl: 'http://sessions.test', sessionId: 's-1', role: 'customer', getJwt: async () => 'the-jwt',
      onState: (state) => states.push(state.status), onConnection: (state) => state === 'closed' && resolve() });
  });
  await done;
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, 'http://sessions.test/v1/sessions/s-1/stream');
  assert.equal(calls[0].init.headers.Authorization, 'Bearer the-jwt');
  assert.ok(!String(calls[0].url).includes('the-jwt'));
  assert.deepEqual(states, ['ENDED']);
});
