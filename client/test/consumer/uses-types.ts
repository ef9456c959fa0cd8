// Compiles only if the published types describe the module as a page uses it; each @ts-expect-error
// line must fail to type-check, so a type that accepts anything fails this file too.
import { describe, followSession, requestToken, waitingText, measureReception, type SessionSnapshot, type Described }
  from '@rendezvous/client';

const snapshot: SessionSnapshot = {
  sessionId: '3f0a7c52-6b1e-4d8f-9a27-5c4e1d2b8f60', status: 'WAITING', version: 1,
  customer: { userId: 'c-1', present: true, identity: 'customer-c-1', since: null, media: { camera: true, microphone: true } },
  mechanic: { userId: 'm-1', present: false, identity: null, since: null, media: { camera: false, microphone: false } },
  mediaReady: false, waiting: { for: 'mechanic', since: '2026-11-27T08:10:52Z', overdue: false },
  readyAt: null, endedAt: null, endReason: null,
  recording: false,
};
const shown: Described = describe(snapshot, 'customer');
const text: string = waitingText(shown);
const recorded: boolean = shown.recording && shown.others.every((o) => o.kind !== 'STANDARD');
const lookingIn: string[] = describe(snapshot, 'supervisor').supervisors.filter((m) => m.present).map((m) => m.userId);
const follower = followSession({
  sessionServiceUrl: 'http://127.0.0.1:8083', sessionId: snapshot.sessionId, role: 'customer',
  getJwt: async (reason) => (reason === 'start' ? 'jwt' : 'fresh-jwt'),
  onState: (state) => state.waitingFor === 'mechanic',
  onConnection: (state) => state === 'reconnecting',
});
follower.close();
const grant: Promise<{ token: string; serverUrl: string }> = requestToken({ tokenServiceUrl: 'http://127.0.0.1:8081', sessionId: 'x', jwt: 'j' });
const reading = measureReception({
  subscribed: { video: true, audio: true }, playing: { video: true, audio: true }, advanced: { video: true, audio: true },
  autoplayBlocked: false, published: { video: true, audio: true }, failed: { video: false, audio: false },
});
const problem: 'autoplay-blocked' | 'no-video-frames' | 'no-audio' | 'not-subscribed' | null = reading.problem;

// @ts-expect-error a role is customer or mechanic
describe(snapshot, 'driver');
// @ts-expect-error getJwt is required
followSession({ sessionServiceUrl: 'u', sessionId: 's' });
// @ts-expect-error status is one of three
const wrong: SessionSnapshot['status'] = 'OPEN';

export { text, grant, problem, wrong, recorded, lookingIn };
