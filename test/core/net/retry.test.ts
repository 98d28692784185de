import { parseTokenConfig } from '../../../src/core/oauth/token-config.js';
import { StepError } from '../../../src/core/errors.js';
import { TransportError } from '../../../src/core/net/http.js';
import { fetchToken } from '../../../src/core/oauth/token.js';
import { fakeRuntime, inputs, json } from '../helpers.js';

const ok = json(200, { access_token: 'AT', token_type: 'Bearer', expires_in: 3600 });
const zohoThrottle = json(200, {
  error: 'Access Denied',
  error_description: 'too many',
  status: 'failure',
});

function cfg(over: Record<string, string> = {}) {
  return parseTokenConfig(
    inputs({
      'client-id': 'id',
      'client-secret': 'sec',
      'refresh-token': 'rt',
      provider: 'zoho',
      'token-url': 'http://127.0.0.1:1/t',
      ...over,
    }),
  );
}

async function failure(p: Promise<unknown>): Promise<StepError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(StepError);
    return e as StepError;
  }
  throw new Error('expected failure');
}

test('connection refused and 503 are retried with exponential backoff and jitter', async () => {
  const f = fakeRuntime([
    new TransportError('connection refused', 'ECONNREFUSED', false),
    json(503, {}),
    ok,
  ]);
  const t = await fetchToken(cfg(), f.rt);
  expect(t.accessToken).toBe('AT');
  expect(f.sent).toHaveLength(3);
  // random() = 0.5 -> factor 0.75; base 1 s, doubling.
  expect(f.sleeps).toEqual([750, 1500]);
});

test('Retry-After is honoured (seconds and HTTP date)', async () => {
  const f = fakeRuntime([json(429, {}, { 'retry-after': '4' }), ok], 0);
  await fetchToken(cfg(), f.rt);
  expect(f.sleeps).toEqual([4000]);
});

test('a Retry-After beyond the budget fails at once and says so', async () => {
  const f = fakeRuntime([json(429, {}, { 'retry-after': '120' }), ok]);
  const e = await failure(fetchToken(cfg({ 'max-retry-seconds': '60' }), f.rt));
  expect(f.sent).toHaveLength(1);
  expect(e.message).toBe(
    'The token endpoint failed with HTTP 429. Gave up after 1 attempt in 0 s (max-retry-seconds is 60): 1) HTTP 429. The server asked to wait 2 min, more than the 60 s left.',
  );
});

test('permanent errors are never retried', async () => {
  for (const body of [
    { error: 'invalid_client' },
    { error: 'invalid_code' },
    { error: 'invalid_grant' },
  ]) {
    const f = fakeRuntime([json(200, body), ok]);
    const e = await failure(fetchToken(cfg(), f.rt));
    expect(f.sent).toHaveLength(1);
    expect(e.kind).toBe('auth');
  }
  const f = fakeRuntime([json(501, {}), ok]);
  await failure(fetchToken(cfg(), f.rt));
  expect(f.sent).toHaveLength(1);
});

test('Zoho throttle waits long, within the budget, and warns why', async () => {
  const f = fakeRuntime([zohoThrottle, zohoThrottle, ok]);
  await fetchToken(cfg({ 'max-retry-seconds': '600' }), f.rt);
  expect(f.sleeps).toEqual([60_000, 120_000]);
  expect(f.logs.filter((l) => l.startsWith('warning:'))[0]).toBe(
    'warning: The accounts server refused to issue a token for now (server said: Access Denied: too many). Zoho allows about 10 tokens per refresh token per 10 minutes: mint one token per job and pass it to later steps (the access-token output). Waiting 60 s before trying again.',
  );
});

test('Zoho throttle with a short budget waits what is left, then gives up with the attempts', async () => {
  const f = fakeRuntime([zohoThrottle]);
  const e = await failure(fetchToken(cfg({ 'max-retry-seconds': '5' }), f.rt));
  expect(f.sleeps).toEqual([5000]);
  expect(e.kind).toBe('throttled');
  expect(e.message).toContain(
    'Gave up after 2 attempts in 5 s (max-retry-seconds is 5): 1) throttled, 2) throttled.',
  );
});

test('the budget bounds the total: backoff stops when the next wait would cross it', async () => {
  const f = fakeRuntime([json(503, {})]);
  const e = await failure(fetchToken(cfg({ 'max-retry-seconds': '10' }), f.rt));
  // 0.75, 1.5, 3, then 6 would end at 11.25 s > 10 s.
  expect(f.sleeps).toEqual([750, 1500, 3000]);
  expect(e.message).toBe(
    'The token endpoint failed with HTTP 503. Gave up after 4 attempts in 5.3 s (max-retry-seconds is 10): 1) HTTP 503, 2) HTTP 503, 3) HTTP 503, 4) HTTP 503.',
  );
});

test('max-retry-seconds 0 disables retries', async () => {
  const f = fakeRuntime([json(503, {}), ok]);
  await failure(fetchToken(cfg({ 'max-retry-seconds': '0' }), f.rt));
  expect(f.sent).toHaveLength(1);
});

test('a refresh that may have reached a rotating server is not re-sent', async () => {
  const timeout = new TransportError('no complete answer within 1 s', 'ETIMEDOUT', true, true);
  const generic = { provider: 'generic', 'token-url': 'http://127.0.0.1:1/t' };
  const f = fakeRuntime([timeout, ok]);
  const e = await failure(fetchToken(cfg(generic), f.rt));
  expect(f.sent).toHaveLength(1);
  expect(e.message).toMatch(
    /^No complete answer within 1 s after the request was sent\. The refresh may already have reached the server, and a generic server may rotate refresh tokens/,
  );

  // 500 on a rotating refresh: ambiguous, not re-sent.
  const g = fakeRuntime([json(500, {}), ok]);
  await failure(fetchToken(cfg({ ...generic }), g.rt));
  expect(g.sent).toHaveLength(1);

  // 503 is safe even there; so is a failure before sending.
  const h = fakeRuntime([json(503, {}), new TransportError('reset', 'ECONNRESET', false), ok]);
  await fetchToken(cfg(generic), h.rt);
  expect(h.sent).toHaveLength(3);

  // Zoho does not rotate: the same timeout is retried.
  const z = fakeRuntime([timeout, ok]);
  await fetchToken(cfg(), z.rt);
  expect(z.sent).toHaveLength(2);

  // client_credentials is always safe to repeat.
  const c = fakeRuntime([timeout, ok]);
  await fetchToken(cfg({ ...generic, 'refresh-token': '' }), c.rt);
  expect(c.sent).toHaveLength(2);
});

test('an untrusted TLS certificate fails at once with advice', async () => {
  const f = fakeRuntime([
    new TransportError(
      'the TLS certificate of a:1 is not trusted (SELF_SIGNED_CERT_IN_CHAIN)',
      'SELF_SIGNED_CERT_IN_CHAIN',
      false,
    ),
    ok,
  ]);
  const e = await failure(fetchToken(cfg(), f.rt));
  expect(f.sent).toHaveLength(1);
  expect(e.message).toBe(
    "The TLS certificate of a:1 is not trusted (SELF_SIGNED_CERT_IN_CHAIN). If your network inspects TLS, give Node the company CA with NODE_EXTRA_CA_CERTS; otherwise check the URL's host.",
  );
});

test('cancellation during a wait stops at once', async () => {
  const ac = new AbortController();
  const f = fakeRuntime([json(503, {})]);
  f.rt.signal = ac.signal;
  f.rt.sleep = async () => {
    ac.abort();
    throw new StepError('cancelled', 'The step was cancelled while waiting to retry.');
  };
  const e = await failure(fetchToken(cfg(), f.rt));
  expect(e.kind).toBe('cancelled');
  expect(f.sent).toHaveLength(1);
});

test.each(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'EPROXY'])(
  '%s is retried for 15 s only, not the whole budget (default 300 s)',
  async (code) => {
    const f = fakeRuntime(Array.from({ length: 50 }, () => new TransportError('x', code, false)));
    const e = await failure(fetchToken(cfg({ provider: 'generic', 'refresh-token': '' }), f.rt));
    // random() = 0.5: waits 0.75, 1.5, 3, 6 s (11.25 s); the next (12 s) would pass 15 s.
    expect(f.sleeps).toEqual([750, 1500, 3000, 6000]);
    expect(e.message).toMatch(
      new RegExp(
        `Gave up after 5 attempts in 11 s: failures to connect are retried for 15 s only \\(1\\) ${code}`,
      ),
    );
  },
);

test('a 503 keeps the whole budget; a timeout is not a connection failure', async () => {
  const f = fakeRuntime([
    ...Array.from({ length: 6 }, () => json(503, {})),
    new TransportError('no answer', 'ETIMEDOUT', false, true),
    ok,
  ]);
  const t = await fetchToken(cfg({ provider: 'generic', 'refresh-token': '' }), f.rt);
  expect(t.accessToken).toBe('AT');
  expect(f.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThan(15_000);
});

test("a proxy's 407 is never retried", async () => {
  const f = fakeRuntime([
    new TransportError('the proxy asked for authentication', 'EPROXYAUTH', false),
    ok,
  ]);
  const e = await failure(fetchToken(cfg(), f.rt));
  expect(f.sent).toHaveLength(1);
  expect(e.message).toMatch(/^The proxy asked for authentication \(the runner's proxy settings/);
});

test('errors carry their facts: status, OAuth error code and provider, as fields', async () => {
  const f = fakeRuntime([json(200, { error: 'invalid_client' })]);
  const e = await failure(fetchToken(cfg(), f.rt));
  expect(e.kind).toBe('auth');
  expect(e.facts).toEqual({
    status: 200,
    oauthError: 'invalid_client',
    provider: 'zoho',
    cause: 'invalid_client',
  });
  const busy = fakeRuntime([json(503, {}), json(503, {})], 0);
  const b = await failure(fetchToken(cfg({ 'max-retry-seconds': '1' }), busy.rt));
  expect(b.facts).toEqual({
    status: 503,
    oauthError: undefined,
    provider: 'zoho',
    cause: 'HTTP 503',
  });
});
