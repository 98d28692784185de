/**
 * Many jobs on one machine minting for the same client at once, against a server that grants
 * 5 tokens per 1-second window and answers 429 with Retry-After beyond that: every run gets
 * its token within the budget, and requests stay within N + ceil(N/5) because runs queue on
 * the machine lock instead of hammering the server. (Timing figures: npm run bench.)
 */
import { runGithub } from '../helpers/github.js';
import { startStub, type Stub } from '../peers/stub.js';
import { record } from '../helpers/record.js';

let server: Stub;
let granted = 0;
let windowStart = 0;
let refused = 0;
/** What the server did, for the failure message: ms since start, and ok or 429. */
const timeline: string[] = [];
const N = 20;
const PER_WINDOW = 5;
const W = 1000;
let t0 = 0;

beforeAll(async () => {
  windowStart = Date.now();
  t0 = windowStart;
  server = await startStub((req) => {
    if (!req.body) return { json: {} }; // the stub's look before the body is read
    const now = Date.now();
    if (now - windowStart >= W) {
      windowStart += Math.floor((now - windowStart) / W) * W;
      granted = 0;
    }
    if (granted < PER_WINDOW) {
      granted++;
      timeline.push(`${now - t0} ok`);
      return {
        json: { access_token: `tok-${now}-0123456789`, token_type: 'Bearer', expires_in: 60 },
      };
    }
    refused++;
    timeline.push(`${now - t0} 429`);
    const wait = Math.max(1, Math.ceil((windowStart + W - now) / 1000));
    return { status: 429, headers: { 'retry-after': String(wait) }, json: { error: 'slow_down' } };
  });
});
afterAll(() => server.close());

test(`${N} concurrent runs, ${PER_WINDOW} tokens per window: all succeed, at most N + ceil(N/${PER_WINDOW}) requests`, async () => {
  const runs = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      runGithub('dist/main/index.js', {
        'token-url': server.url('/token'),
        'client-id': 'contention-client',
        'client-secret': `secret-${i}-0123456789`,
        'max-retry-seconds': '60',
      }),
    ),
  );
  expect(runs.map((r) => r.code)).toEqual(Array(N).fill(0));
  if (server.requests.length > N + Math.ceil(N / PER_WINDOW)) {
    throw new Error(`${server.requests.length} requests: ${timeline.join(', ')}`);
  }
  expect(refused).toBeLessThanOrEqual(Math.ceil(N / PER_WINDOW));
  // The log says why a run waited.
  const waited = runs.filter((r) => r.stdout.includes('Waiting for another run on this machine'));
  expect(waited.length).toBeGreaterThan(0);
  const told = runs.filter((r) => r.stdout.includes('as the server asked (Retry-After)'));
  expect(told.length).toBe(refused);
  record({
    area: 'contention',
    what: `${N} concurrent runs, ${PER_WINDOW} tokens per ${W / 1000} s window`,
    platform: 'github',
    step: 'token',
    outcome: `${runs.filter((r) => r.code === 0).length}/${N} succeeded, ${refused} refused`,
    requests: server.requests.length,
  });
}, 60_000);
