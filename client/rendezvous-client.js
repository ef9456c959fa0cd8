// rendezvous-client.js: follow a Rendezvous session from a browser page. Published on npm as
// @rendezvous/client (types in rendezvous-client.d.ts) and served by session-service at
// /rendezvous-client/<version>/rendezvous-client.js (and, always the newest, /rendezvous-client.js):
//
//   const { followSession } = await import(`${sessionServiceUrl}/rendezvous-client/1.0.0/rendezvous-client.js`);
//   const follower = followSession({
//     sessionServiceUrl, sessionId, role: 'customer',
//     getJwt: async (reason) => myIdentityProvider.userJwt(),   // called at start and after a 401
//     onState: ({ status, waitingFor, late, cameraMissing, seenAndHeard, snapshot }) => render(...),
//     onConnection: (state) => showBanner(state),              // connecting | open | reconnecting | closed
//   });
//   follower.close();                                          // when the page is done with it
//
// The stream is read with fetch, so the JWT travels in the Authorization header (never in a URL or
// an access log), a refusal is seen for what it is (401: a fresh JWT is asked for and the stream
// resumes), every reconnect resumes with Last-Event-ID (no change is missed), and the follower stops
// for good once the session has ENDED.
//
// Seen and heard: once the page is in the LiveKit room, let the module tell session-service what it
// actually plays of the other person (the snapshot's receives and seenAndHeard follow):
//
//   const reception = reportReception({
//     room, sessionServiceUrl, sessionId, role, getJwt,
//     onChange: ({ video, audio, problem, autoplayBlocked }) => {
//       clickToHear.hidden = !autoplayBlocked;                  // "Click to hear the mechanic"
//     },
//   });
//   clickToHear.onclick = () => reception.startAudio();      // must run inside the click
//   reception.close();
//
// It reads livekit-client's events and WebRTC stats (the other's tracks subscribed, video frames
// decoding in an element that plays, sound playing, the browser's autoplay state) once a second,
// and sends a report only when what the page plays has stayed changed for a second.

const ROLES = ['customer', 'mechanic'];

/** Starts following; returns { close() }. */
export function followSession(options) {
  const follower = new SessionFollower(options);
  follower.run();
  return { close: () => follower.close() };
}

/** Asks token-service for the caller's LiveKit grant; throws an Error with .code on refusal. */
export async function requestToken({ tokenServiceUrl, sessionId, jwt, role }) {
  const answer = await fetch(`${tokenServiceUrl}/v1/sessions/${encodeURIComponent(sessionId)}/token`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
    body: role ? JSON.stringify({ role }) : '',
  });
  const body = await answer.json();
  if (!answer.ok) throw Object.assign(new Error(`token-service: ${body.error}: ${body.message}`), { code: body.error, status: answer.status });
  return body;
}

/**
 * What a page shows for a snapshot: the status, whom it waits for, whether they are late (the server
 * says so once the wait passes WAIT_OVERDUE_AFTER) and since when, whether their camera is missing,
 * and whether each side plays the other (seenAndHeard: both pages see and hear each other).
 */
export function describe(snapshot, role) {
  const missing = ROLES.filter((r) => !snapshot[r]?.present);
  const other = role === 'customer' ? 'mechanic' : role === 'mechanic' ? 'customer' : null;
  const waitingFor = snapshot.status === 'WAITING' ? (other && missing.includes(other) ? other : missing[0] ?? null) : null;
  const cameraMissing = snapshot.status === 'READY' && other !== null && snapshot[other]?.media?.camera === false;
  const waiting = snapshot.status === 'WAITING' ? snapshot.waiting ?? null : null;
  const late = Boolean(waiting?.overdue);
  const waitingSince = waiting?.since ? new Date(waiting.since) : null;
  const seenAndHeard = Boolean(snapshot.seenAndHeard);
  const receives = role && snapshot[role]?.receives ? { ...snapshot[role].receives } : { video: false, audio: false };
  const otherReceives = other && snapshot[other]?.receives ? { ...snapshot[other].receives } : { video: false, audio: false };
  // Who else is in the room (AI agents, recorders, phone legs), and whether the call is recorded: people have a right to know.
  const others = Array.isArray(snapshot.others) ? snapshot.others.map((o) => ({ ...o })) : [];
  const recording = Boolean(snapshot.recording);
  // Every member of the roster (a record from before members existed: its customer and mechanic), and
  // the supervisors among them, who look in hidden and never count for READY.
  const members = Array.isArray(snapshot.members) ? snapshot.members.map((m) => ({ ...m }))
    : ROLES.filter((r) => snapshot[r]).map((r) => ({ role: r, ...snapshot[r] }));
  const supervisors = members.filter((m) => m.role === 'supervisor');
  return { status: snapshot.status, missing, waitingFor, late, waitingSince, cameraMissing, seenAndHeard, receives, otherReceives,
    others, recording, members, supervisors, snapshot };
}

/**
 * Whether a livekit-client participant is a person's page: LiveKit's kind STANDARD (0, or absent in
 * older clients), not an AI agent, a recorder or a phone leg, which never stand in for the other person.
 */
export function isPerson(participant) {
  const kind = participant?.kind;
  return kind === undefined || kind === null || kind === 0 || kind === 'STANDARD';
}

/**
 * The sentence for a wait, in words a person reads: "Waiting for the mechanic…" and, once the server
 * says the wait is overdue, "The mechanic is late — waiting 3 min" (minutes counted on this page's clock).
 */
export function waitingText({ waitingFor, late, waitingSince }, now = new Date()) {
  if (!waitingFor) return '';
  if (!late || !waitingSince) return `Waiting for the ${waitingFor}…`;
  const minutes = Math.max(1, Math.floor((now - waitingSince) / 60000));
  return `The ${waitingFor} is late — waiting ${minutes} min`;
}

const PROBLEMS = { AUTOPLAY: 'autoplay-blocked', NO_VIDEO: 'no-video-frames', NO_AUDIO: 'no-audio', NOT_SUBSCRIBED: 'not-subscribed' };

/** Starts reporting what this page plays of the other role; returns { startAudio(), close(), state }. */
export function reportReception(options) {
  const reporter = new ReceptionReporter(options);
  reporter.start();
  return {
    startAudio: () => reporter.startAudio(),
    close: () => reporter.close(),
    get state() { return reporter.shown; },
  };
}

/**
 * What the page plays of the other person, from one look at the room: a track counts when it is
 * subscribed, attached to an element that plays, and its WebRTC counters moved since the last look
 * (frames decoded for video, samples received for sound).
 */
export function measureReception({ subscribed, playing, advanced, autoplayBlocked, published, failed }) {
  const video = published.video && subscribed.video && playing.video && advanced.video;
  const audio = published.audio && subscribed.audio && playing.audio && advanced.audio && !autoplayBlocked;
  let problem = null;
  if (!audio && published.audio && autoplayBlocked) problem = PROBLEMS.AUTOPLAY;
  else if ((published.video && (!subscribed.video || failed.video)) || (published.audio && (!subscribed.audio || failed.audio))) {
    problem = PROBLEMS.NOT_SUBSCRIBED;
  } else if (!video && published.video) problem = PROBLEMS.NO_VIDEO;
  else if (!audio && published.audio) problem = PROBLEMS.NO_AUDIO;
  return { video, audio, problem };
}

class ReceptionReporter {
  constructor({ room, sessionServiceUrl, sessionId, role, getJwt, onChange = () => {}, intervalMs = 1000, settleMs = 1000 }) {
    if (!room || !sessionServiceUrl || !sessionId || !ROLES.includes(role) || !getJwt) {
      throw new Error('reportReception needs room, sessionServiceUrl, sessionId, role (customer|mechanic) and getJwt');
    }
    this.room = room;
    this.url = `${sessionServiceUrl}/v1/sessions/${encodeURIComponent(sessionId)}/reception`;
    this.other = role === 'customer' ? 'mechanic' : 'customer';
    this.getJwt = getJwt;
    this.onChange = onChange;
    this.intervalMs = intervalMs;
    this.settleMs = settleMs;
    this.counters = new Map();      // track sid -> the counter seen at the last look
    this.failed = new Set();        // track sids whose subscription failed
    this.shown = null;              // what onChange last showed
    this.sent = null;               // the last report the server accepted, with the visit it was about
    this.candidate = null;          // a changed reading, and since when it holds
    this.stopped = false;
    this.jwt = null;
    this.notBefore = 0;             // after a 429, not before this time
    this.onPlayback = () => this.look();
    this.onFailed = (trackSid) => this.failed.add(trackSid);
  }

  start() {
    this.room.on('audioPlaybackChanged', this.onPlayback).on('trackSubscriptionFailed', this.onFailed);
    this.timer = setInterval(() => this.look(), this.intervalMs);
  }

  close() {
    this.stopped = true;
    clearInterval(this.timer);
    this.room.off('audioPlaybackChanged', this.onPlayback).off('trackSubscriptionFailed', this.onFailed);
  }

  /** Lets the browser play the other's sound (and video, if it held that back too); call it from a click. */
  async startAudio() {
    await this.room.startAudio();
    if (this.room.canPlaybackVideo === false) await this.room.startVideo?.();
    for (const element of this.elementsOfTheOther()) {
      if (element.paused) await element.play().catch(() => {});
    }
    await this.look();
  }

  /** The other role's participant: by its canonical identity, else the only one there. */
  otherParticipant() {
    const remote = [...this.room.remoteParticipants.values()].filter(isPerson);
    return remote.find((p) => p.identity?.startsWith(`${this.other}-`)) ?? (remote.length === 1 ? remote[0] : null);
  }

  elementsOfTheOther() {
    const other = this.otherParticipant();
    return ['camera', 'microphone'].flatMap((source) => other?.getTrackPublication?.(source)?.track?.attachedElements ?? []);
  }

  async look() {
    if (this.stopped || this.looking) return;
    this.looking = true;
    try {
      const other = this.otherParticipant();
      const camera = other?.getTrackPublication?.('camera');
      const mic = other?.getTrackPublication?.('microphone');
      const [framesDecoded, samples] = await Promise.all([
        counter(camera, (s) => s?.framesDecoded), counter(mic, (s) => s?.totalSamplesDuration ?? s?.bytesReceived)]);
      const playingIn = (pub) => (pub?.track?.attachedElements ?? []).some((el) => !el.paused && !el.ended);
      // livekit-client learns it when an attached element's play() is refused (AudioPlaybackStatusChanged).
      const audioBlocked = this.room.canPlaybackAudio === false;
      const reading = other ? measureReception({
        published: { video: Boolean(camera), audio: Boolean(mic) },
        subscribed: { video: Boolean(camera?.isSubscribed && camera.track), audio: Boolean(mic?.isSubscribed && mic.track) },
        failed: { video: this.failed.has(camera?.trackSid), audio: this.failed.has(mic?.trackSid) },
        playing: { video: playingIn(camera), audio: playingIn(mic) },
        advanced: { video: this.advanced(camera, framesDecoded), audio: this.advanced(mic, samples) },
        autoplayBlocked: Boolean(mic) && audioBlocked,
      }) : null;
      const shown = { ...(reading ?? { video: false, audio: false, problem: null }), autoplayBlocked: Boolean(mic) && audioBlocked };
      if (JSON.stringify(shown) !== JSON.stringify(this.shown)) {
        this.shown = shown;
        this.onChange({ ...shown });
      }
      // Nothing to say while the other is not in the room: the server forgets reports when either leaves.
      if (reading) await this.maybeSend({ ...reading, visit: `${this.room.localParticipant?.sid}|${other.sid}` });
    } finally {
      this.looking = false;
    }
  }

  /** Whether a track's counter moved since the last look (the first look has nothing to compare with). */
  advanced(publication, value) {
    const sid = publication?.trackSid;
    if (!sid || typeof value !== 'number') return false;
    const before = this.counters.get(sid);
    this.counters.set(sid, value);
    return before !== undefined && value > before;
  }

  /** Sends a reading once it differs from the last report (or the visit is new) and has held for settleMs. */
  async maybeSend(reading) {
    const key = JSON.stringify(reading);
    if (this.sent === key) {
      this.candidate = null;
      return;
    }
    const now = Date.now();
    if (this.candidate?.key !== key) {
      this.candidate = { key, since: now };
      if (this.settleMs > 0) return;
    }
    if (now - this.candidate.since < this.settleMs || now < this.notBefore) return;
    const { video, audio, problem } = reading;
    const sent = await this.send({ video, audio, ...(problem ? { problem } : {}) });
    if (sent) this.sent = key;
  }

  async send(report) {
    try {
      this.jwt = this.jwt ?? await this.getJwt('start');
      let answer = await this.put(report);
      if (answer.status === 401) {
        this.jwt = await this.getJwt('refused');
        answer = await this.put(report);
      }
      if (answer.status === 429) {
        this.notBefore = Date.now() + 1000 * Number(answer.headers.get('Retry-After') ?? 5);
        return false;
      }
      // Ended, or not this caller's session: nothing more to report, ever.
      if ([403, 404, 409].includes(answer.status)) this.close();
      return answer.ok;
    } catch (error) {
      return false; // the next look tries again
    }
  }

  put(report) {
    return fetch(this.url, {
      method: 'PUT', cache: 'no-store',
      headers: { Authorization: `Bearer ${this.jwt}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(report),
    });
  }
}

/** A counter from a remote track's receiver stats (undefined when there is no track or no stats yet). */
async function counter(publication, pick) {
  const track = publication?.track;
  if (!track?.getReceiverStats) return undefined;
  try {
    return pick(await track.getReceiverStats());
  } catch (error) {
    return undefined;
  }
}

class SessionFollower {
  constructor({ sessionServiceUrl, sessionId, role, getJwt, onState = () => {}, onConnection = () => {}, retryMs = 2000 }) {
    if (!sessionServiceUrl || !sessionId || !getJwt) throw new Error('followSession needs sessionServiceUrl, sessionId and getJwt');
    this.url = `${sessionServiceUrl}/v1/sessions/${encodeURIComponent(sessionId)}/stream`;
    this.role = role;
    this.getJwt = getJwt;
    this.onState = onState;
    this.onConnection = onConnection;
    this.retryMs = retryMs;
    this.lastEventId = null;
    this.ended = false;
    this.closed = false;
    this.opened = false;
    this.abort = new AbortController();
  }

  async run() {
    let jwt;
    let refusals = 0;
    while (!this.closed) {
      this.connection(this.opened ? 'reconnecting' : 'connecting');
      try {
        if (!jwt || refusals > 0) jwt = await this.getJwt(refusals > 0 ? 'refused' : 'start');
        const headers = { Authorization: `Bearer ${jwt}`, Accept: 'text/event-stream' };
        if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
        const response = await fetch(this.url, { headers, cache: 'no-store', signal: this.abort.signal });
        if (response.status === 401) {
          // The JWT expired (or was revoked): ask the page for a fresh one, at once the first time.
          refusals += 1;
          if (refusals > 1) await this.pause();
          continue;
        }
        if (response.status === 204) return this.finish('ended');
        if (response.status === 403 || response.status === 404) return this.finish(`refused: HTTP ${response.status}`);
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        refusals = 0;
        this.opened = true;
        this.connection('open');
        await this.read(response.body);
        if (this.ended) return this.finish('ended');
      } catch (error) {
        if (this.closed) return;
      }
      await this.pause();
    }
  }

  /** Reads Server-Sent Events until the stream ends. */
  async read(body) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let event = { id: null, data: [] };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffer.search(/\r?\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
        if (line === '') {
          if (event.data.length) this.dispatch(event.id, event.data.join('\n'));
          event = { id: null, data: [] };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') event.data.push(value);
          else if (field === 'id') event.id = value;
          else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
        }
      }
    }
  }

  dispatch(id, data) {
    const snapshot = JSON.parse(data);
    // A resumed stream never repeats a version, but a reconnect race could: keep the newest.
    if (this.lastEventId !== null && Number(id) <= Number(this.lastEventId)) return;
    if (id) this.lastEventId = id;
    if (snapshot.status === 'ENDED') this.ended = true;
    this.onState(describe(snapshot, this.role));
  }

  connection(state, detail) {
    if (this.state === state) return;
    this.state = state;
    this.onConnection(state, detail);
  }

  pause() {
    return new Promise((resolve) => setTimeout(resolve, this.retryMs));
  }

  finish(reason) {
    this.closed = true;
    this.connection('closed', reason);
  }

  close() {
    if (this.closed) return;
    this.finish('closed by the page');
    this.abort.abort();
  }
}
