// Helpers for the end-to-end tests: the running system's URLs, JWTs from the demo page's dev
// endpoint, and Debian's Chromium with a fake camera and microphone.
import { chromium } from 'playwright-core';
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const demoUrl = process.env.DEMO_URL ?? 'http://127.0.0.1:8080';
export const sessionServiceUrl = process.env.SESSION_SERVICE_URL ?? 'http://127.0.0.1:8083';
export const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

export async function jwt(sub, groups = 'user') {
  const answer = await fetch(`${demoUrl}/dev/token?sub=${encodeURIComponent(sub)}&groups=${groups}`);
  if (!answer.ok) throw new Error(`dev token for ${sub}: HTTP ${answer.status}`);
  return (await answer.json()).token;
}

export async function api(method, pathname, sub = 'e2e-backend', groups = 'backend', body) {
  const answer = await fetch(`${sessionServiceUrl}${pathname}`, {
    method,
    headers: { Authorization: `Bearer ${await jwt(sub, groups)}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await answer.text();
  return { status: answer.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

export async function createSession(suffix) {
  const created = await api('POST', '/v1/sessions', 'e2e-backend', 'backend',
    { customerId: `cust-${suffix}`, mechanicId: `mech-${suffix}` });
  if (created.status !== 201) throw new Error(`create session: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

/** Chromium with a fake camera and microphone; {autoplay: 'user-gesture-required'} makes it hold sound back until a click. */
export async function launch({ autoplay } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--disable-dev-shm-usage',
      '--no-first-run', '--disable-component-update', '--disable-sync',
      ...(autoplay ? [`--autoplay-policy=${autoplay}`] : [])],
  });
}

/**
 * A page of the demo, in its own isolated browser context, as one person; {camera: false} joins
 * without video, {jwtTtl: s} gives the page user JWTs that expire after s seconds.
 */
export async function openPage(browser, sessionId, role, { camera = true, jwtTtl } = {}) {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') console.log(`[${role} console] ${message.text()}`);
  });
  await page.goto(`${demoUrl}/?session=${sessionId}&role=${role}${camera ? '' : '&camera=off'}${jwtTtl ? `&jwt-ttl=${jwtTtl}` : ''}`);
  return page;
}

/** The text of a page's element by its data-testid. */
export function text(page, id) {
  return page.textContent(`[data-testid="${id}"]`);
}

export async function screenshot(page, name) {
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

/** True once the remote video element is really playing frames. */
export function remoteVideoPlaying(page) {
  return page.waitForFunction(() => {
    const video = document.querySelector('[data-testid="remote-video"]');
    return video && video.readyState >= 2 && !video.paused && video.videoWidth > 0 && video.currentTime > 0;
  }, null, { timeout: 15000 });
}

/** Polls until the condition holds, or fails after the timeout. */
export async function eventually(condition, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`condition not met within ${timeoutMs} ms: ${condition}`);
}

/** Stops session-service (SIGTERM) and starts it again with deploy/local/services.sh; resolves once it is ready. */
export async function restartSessionService() {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const pid = Number(await readFile(path.join(repo, '.local/pids/session-service.pid'), 'utf8'));
  process.kill(pid, 'SIGTERM');
  await eventually(async () => { try { process.kill(pid, 0); return false; } catch { return true; } }, 30000);
  await promisify(execFile)('bash', [path.join(repo, 'deploy/local/services.sh'), 'start'], { cwd: repo });
  await eventually(async () => (await fetch(`${sessionServiceUrl}/q/health/ready`).catch(() => ({ ok: false }))).ok, 60000);
}
