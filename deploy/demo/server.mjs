// Serves the demo session page and, for local development only, user JWTs.
//
// The dev token endpoint exists only when RENDEZVOUS_DEV_JWT_KEY names a private key (deploy/local
// sets it when it generated a development key pair); the services themselves have no such endpoint.
import { createServer } from 'node:http';
import { createSign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.DEMO_PORT ?? 8080);
const tokenServiceUrl = process.env.TOKEN_SERVICE_URL ?? 'http://127.0.0.1:8081';
// What the browser calls, and (when it differs, e.g. in docker compose) what this server calls.
const sessionServiceUrl = process.env.SESSION_SERVICE_URL ?? 'http://127.0.0.1:8083';
const sessionServiceInternalUrl = process.env.SESSION_SERVICE_INTERNAL_URL ?? sessionServiceUrl;
const host = process.env.DEMO_HOST ?? '127.0.0.1';
const devKeyPath = process.env.RENDEZVOUS_DEV_JWT_KEY;
const issuer = process.env.MP_JWT_VERIFY_ISSUER ?? 'https://rendezvous.dev/issuer';
const devKey = devKeyPath ? await readFile(devKeyPath, 'utf8') : null;
// Tokens of the backend group (create, read or end any session) only when explicitly enabled.
const backendTokens = process.env.DEV_TOKENS_BACKEND === 'true';

const files = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/style.css': ['style.css', 'text/css; charset=utf-8'],
  '/vendor/livekit-client.js': ['node_modules/livekit-client/dist/livekit-client.umd.js', 'text/javascript; charset=utf-8'],
};

const base64url = (value) => Buffer.from(value).toString('base64url');

function signJwt(sub, groups, ttlSeconds = 3600) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({
    iss: issuer, sub, upn: sub, groups, name: sub, iat: now, exp: now + ttlSeconds,
  }));
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(devKey, 'base64url');
  return `${header}.${payload}.${signature}`;
}

// Dev only: a user JWT for ?sub=…, or for the roster member holding ?role=… in ?session=…; ?ttl=<seconds>
// makes it short-lived (to see a page renew it).
async function devToken(url) {
  let sub = url.searchParams.get('sub');
  const groups = url.searchParams.get('groups')?.split(',') ?? ['user'];
  if (groups.includes('backend') && !backendTokens) {
    return [403, { error: 'forbidden', message: 'backend tokens are off: DEV_TOKENS_BACKEND=true enables them' }];
  }
  const session = url.searchParams.get('session');
  const role = url.searchParams.get('role');
  if (!sub && session && /^(customer|mechanic|supervisor)$/.test(role ?? '')) {
    const answer = await fetch(`${sessionServiceInternalUrl}/v1/sessions/${encodeURIComponent(session)}`, {
      headers: { Authorization: `Bearer ${signJwt('demo-backend', ['backend'])}` },
    });
    if (!answer.ok) return [answer.status, { error: 'session-lookup-failed', message: `session-service answered ${answer.status}` }];
    // The roster's first member in that role (a session may have several supervisors).
    sub = (await answer.json()).members?.find((m) => m.role === role)?.userId;
    if (!sub) return [404, { error: 'no-such-member', message: `session ${session} has no ${role}` }];
  }
  if (!sub) return [400, { error: 'bad-request', message: 'give ?sub=… or ?session=…&role=customer|mechanic|supervisor' }];
  const ttl = Math.min(Math.max(Number(url.searchParams.get('ttl') ?? 3600) || 3600, 1), 86400);
  return [200, { sub, token: signJwt(sub, groups, ttl) }];
}

function send(response, status, body, type = 'application/json') {
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

createServer(async (request, response) => {
  const url = new URL(request.url, `http://${request.headers.host}`);
  try {
    if (url.pathname === '/config.js') {
      const config = { tokenServiceUrl, sessionServiceUrl, devTokens: Boolean(devKey) };
      return send(response, 200, `window.RENDEZVOUS = ${JSON.stringify(config)};`, 'text/javascript');
    }
    if (url.pathname === '/dev/token') {
      if (!devKey) return send(response, 404, { error: 'not-found', message: 'dev tokens are off (no RENDEZVOUS_DEV_JWT_KEY)' });
      const [status, body] = await devToken(url);
      return send(response, status, body);
    }
    if (url.pathname === '/favicon.ico') return send(response, 204, '');
    const file = files[url.pathname];
    if (!file) return send(response, 404, { error: 'not-found', message: url.pathname });
    return send(response, 200, await readFile(path.join(here, file[0])), file[1]);
  } catch (error) {
    console.error(error);
    return send(response, 500, { error: 'internal', message: String(error.message ?? error) });
  }
}).listen(port, host, () => console.log(`demo page on http://${host}:${port} (dev tokens ${devKey ? 'on' : 'off'})`));
