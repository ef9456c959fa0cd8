// rendezvous-client.js: follow a Rendezvous session from a browser page. Served by session-service
// at /rendezvous-client.js; import it from there:
//
//   const { followSession } = await import(`${sessionServiceUrl}/rendezvous-client.js`);
//   const follower = followSession({
//     sessionServiceUrl, sessionId, role: 'customer',
//     getJwt: async (reason) => myIdentityProvider.userJwt(),   // called at start and after a 401
//     onState: ({ status, waitingFor, late, cameraMissing, snapshot }) => render(...),
//     onConnection: (state) => showBanner(state),              // connecting | open | reconnecting | closed
//   });
//   follower.close();                                          // when the page is done with it
//
// The stream is read with fetch, so the JWT travels in the Authorization header (never in a URL or
// an access log), a refusal is seen for what it is (401: a fresh JWT is asked for and the stream
// resumes), every reconnect resumes with Last-Event-ID (no change is missed), and the follower stops
// for good once the session has ENDED.

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
 * says so once the wait passes WAIT_OVERDUE_AFTER) and since when, and whether their camera is missing.
 */
export function describe(snapshot, role) {
  const missing = ROLES.filter((r) => !snapshot[r]?.present);
  const other = role === 'customer' ? 'mechanic' : role === 'mechanic' ? 'customer' : null;
  const waitingFor = snapshot.status === 'WAITING' ? (other && missing.includes(other) ? other : missing[0] ?? null) : null;
  const cameraMissing = snapshot.status === 'READY' && other !== null && snapshot[other]?.media?.camera === false;
  const waiting = snapshot.status === 'WAITING' ? snapshot.waiting ?? null : null;
  const late = Boolean(waiting?.overdue);
  const waitingSince = waiting?.since ? new Date(waiting.since) : null;
  return { status: snapshot.status, missing, waitingFor, late, waitingSince, cameraMissing, snapshot };
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
