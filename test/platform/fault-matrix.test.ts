/**
 * The fault matrix: every fault a token endpoint or the Site24x7 API can produce, each from a
 * loopback server that really produces it, against both platforms' built bundles. Each case
 * states its outcome: retried and succeeded, failed fast with a clear message, or failed
 * after the budget with the attempts listed. And each run is scanned for leaks.
 */
import { runAzure } from '../helpers/azure.js';
import { runMainInProcess } from '../helpers/inprocess.js';
import { runGithub, unescapeCommand } from '../helpers/github.js';
import { findLeaks } from '../helpers/leaks.js';
import { record } from '../helpers/record.js';
import { type Fault, type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';
import {
  closedPort,
  type Handler,
  type Reply,
  sequence,
  type Stub,
  startStub,
  zoho,
} from '../peers/stub.js';
import { makeCerts } from '../peers/tls.js';

type Platform = 'github' | 'azure';
const PLATFORMS: Platform[] = ['github', 'azure'];

interface Result {
  ok: boolean;
  message: string;
  log: string;
  everything: string;
}

const camel = (k: string) => k.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Faults also run against the built bundles, as a runner starts them: at least one of each
 * outcome per step and platform, and what only a real process shows (TLS, redirects). The
 * rest run in process (test/helpers/inprocess.ts): the same step code and servers, with the
 * retry policy's waits made virtual. Policy is the matrix's subject; the bundles' runner
 * protocol is proven by these and by the platform suites.
 */
const ON_BUNDLES = new Set([
  'token: HTTP 503 without Retry-After',
  'token: HTTP 501 (never retried)',
  'token: reset after a refresh was sent to a rotating server: not re-sent',
  'token: 302 to another host',
  'token: untrusted TLS certificate',
  'Site24x7: reset on the lookup',
  'Site24x7: HTTP 501 (never retried)',
  'Site24x7: a 302 to another host (not followed)',
]);

/** How the last run() ran, for the record. */
let how: 'bundle' | 'in process' = 'bundle';

async function run(
  platform: Platform,
  step: 'token' | 'maintenance',
  inputs: Record<string, string>,
  what: string,
): Promise<Result> {
  how = ON_BUNDLES.has(what) ? 'bundle' : 'in process';
  if (how === 'in process') {
    const r = await runMainInProcess(platform, step, inputs);
    return { ok: r.ok, message: r.message, log: r.log, everything: r.everything };
  }
  if (platform === 'github') {
    const r = await runGithub(
      step === 'token' ? 'dist/main/index.js' : 'dist/maintenance-main/index.js',
      inputs,
      step === 'token' ? {} : { action: 'site24x7-maintenance/action.yml' },
    );
    const error = r.commands.find((c) => c.command === 'error')?.value ?? '';
    return {
      ok: r.code === 0,
      message: unescapeCommand(error),
      log: r.stdout,
      // The masking command is the one place a secret must appear.
      everything: [
        r.stdout.replace(/^::add-mask::.*$/gm, ''),
        r.stderr,
        ...Object.values(r.files),
      ].join('\n'),
    };
  }
  const r = await runAzure(
    step === 'token' ? 'OAuthTokenV1' : 'Site24x7MaintenanceV1',
    'main',
    Object.fromEntries(Object.entries(inputs).map(([k, v]) => [camel(k), v])),
  );
  return {
    ok: !r.result,
    message: r.result?.message ?? '',
    log: r.stdout,
    everything: [
      r.stdout
        .split('\n')
        .filter((l) => !/##vso\[task\.(setsecret|setvariable [^\]]*issecret=true)/.test(l))
        .join('\n'),
      r.stderr,
      ...Object.values(r.files),
    ].join('\n'),
  };
}

type Outcome =
  | { kind: 'retried'; requests: number; log?: RegExp }
  | { kind: 'fast'; message: RegExp; requests?: number }
  | { kind: 'budget'; message: RegExp };

function expectOutcome(r: Result, o: Outcome, requests: number) {
  if (o.kind === 'retried') {
    expect(r.message).toBe('');
    expect(r.ok).toBe(true);
    expect(requests).toBe(o.requests);
    if (o.log) expect(r.log).toMatch(o.log);
  } else {
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(o.message);
    if (o.kind === 'fast') expect(requests).toBe(o.requests ?? 1);
    else
      expect(r.message).toMatch(
        /Gave up after \d+ attempts in .* \(max-?[rR]etry-?[sS]econds is \d+\): 1\) /,
      );
  }
}

const SECRET = 'fault-secret-%+: 0123456789';
const REFRESH = 'fault-refresh-0123456789abcdef';
const ok = zoho.ok('fault-access-token-0123456789');
const big = 'x'.repeat(10 * 1024 * 1024);

const stubs: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});
async function stub(h: Handler, tls?: { key: string; cert: string }): Promise<Stub> {
  const s = await startStub(h, tls);
  stubs.push(s);
  return s;
}

interface TokenCase {
  fault: string;
  replies?: Reply[];
  /** Use a refresh token (a generic server is assumed to rotate them). */
  refresh?: boolean;
  inputs?: Record<string, string>;
  outcome: Outcome;
}

const later = new Date(Date.now() + 1500).toUTCString();
const TOKEN_CASES: TokenCase[] = [
  {
    fault: 'reset before the request was sent',
    replies: [{ reset: 'before-body' }, ok],
    outcome: { kind: 'retried', requests: 2 },
  },
  {
    fault: 'reset after the request was sent (client_credentials: safe to repeat)',
    replies: [{ reset: 'after-body' }, ok],
    outcome: { kind: 'retried', requests: 2 },
  },
  {
    fault: 'reset after a refresh was sent to a rotating server: not re-sent',
    refresh: true,
    replies: [{ reset: 'after-body' }, ok],
    outcome: { kind: 'fast', message: /it was not re-sent/ },
  },
  {
    fault: 'hang: the per-attempt timeout ends it, then a retry',
    replies: [{ hang: true }, ok],
    inputs: { 'timeout-seconds': '0.5' },
    outcome: { kind: 'retried', requests: 2, log: /attempt 1\): timeout/ },
  },
  {
    fault: 'a body that trickles past the timeout',
    replies: [{ trickle: JSON.stringify({ access_token: 'slow-0123456789' }), everyMs: 100 }, ok],
    inputs: { 'timeout-seconds': '0.5' },
    outcome: { kind: 'retried', requests: 2, log: /timeout/ },
  },
  {
    fault: 'a refresh that timed out after sending, on a rotating server: not re-sent',
    refresh: true,
    replies: [{ hang: true }, ok],
    inputs: { 'timeout-seconds': '0.5' },
    outcome: {
      kind: 'fast',
      message: /No complete answer within 0\.5 s after the request was sent\. .*it was not re-sent/,
    },
  },
  ...[500, 502].map((status): TokenCase => ({
    fault: `HTTP ${status}`,
    replies: [{ status, text: 'oops' }, ok],
    outcome: { kind: 'retried', requests: 2, log: new RegExp(`HTTP ${status}\\. Retrying`) },
  })),
  {
    fault: 'HTTP 503 with Retry-After in seconds',
    replies: [{ status: 503, headers: { 'retry-after': '1' } }, ok],
    outcome: { kind: 'retried', requests: 2, log: /as the server asked \(Retry-After\)/ },
  },
  {
    fault: 'HTTP 503 with Retry-After as an HTTP date',
    replies: [{ status: 503, headers: { 'retry-after': later } }, ok],
    outcome: { kind: 'retried', requests: 2, log: /as the server asked \(Retry-After\)/ },
  },
  {
    fault: 'HTTP 503 without Retry-After',
    replies: [{ status: 503 }, ok],
    outcome: { kind: 'retried', requests: 2 },
  },
  {
    fault: 'HTTP 503 until the budget runs out',
    replies: [{ status: 503 }],
    inputs: { 'max-retry-seconds': '2' },
    outcome: { kind: 'budget', message: /The token endpoint answered HTTP 503/ },
  },
  {
    fault: 'HTTP 501 (never retried)',
    replies: [{ status: 501, text: 'no' }],
    outcome: { kind: 'fast', message: /HTTP 501/ },
  },
  {
    fault: 'HTTP 429',
    replies: [{ status: 429 }, ok],
    outcome: { kind: 'retried', requests: 2 },
  },
  {
    fault: "Zoho's HTTP-200 throttle answer (English)",
    replies: [zoho.throttle(false), ok],
    refresh: true,
    inputs: { provider: 'zoho', 'max-retry-seconds': '1.5' },
    outcome: { kind: 'retried', requests: 2, log: /Zoho allows about 10 tokens/ },
  },
  {
    fault: "Zoho's HTTP-200 throttle answer (localised)",
    replies: [zoho.throttle(true), ok],
    refresh: true,
    inputs: { provider: 'zoho', 'max-retry-seconds': '1.5' },
    outcome: { kind: 'retried', requests: 2, log: /Zoho allows about 10 tokens/ },
  },
  {
    fault: 'truncated JSON',
    replies: [
      {
        status: 200,
        headers: { 'content-type': 'application/json' },
        text: '{"access_token":"abc',
      },
    ],
    outcome: { kind: 'fast', message: /not a JSON object|not valid JSON/ },
  },
  {
    fault: 'an HTML error page',
    replies: [
      { status: 502, headers: { 'content-type': 'text/html' }, text: '<html>Bad gateway</html>' },
      ok,
    ],
    outcome: { kind: 'retried', requests: 2 },
  },
  {
    fault: 'an HTML page with HTTP 200 (a captive proxy)',
    replies: [
      { status: 200, headers: { 'content-type': 'text/html' }, text: '<html>Sign in</html>' },
    ],
    outcome: { kind: 'fast', message: /HTTP 200 with text\/html, 20 bytes, not a JSON object/ },
  },
  {
    fault: 'an empty 200',
    replies: [{ status: 200, text: '' }],
    outcome: { kind: 'fast', message: /HTTP 200/ },
  },
  {
    fault: 'a 10 MB body (reading stops at 1 MiB)',
    replies: [{ status: 200, headers: { 'content-type': 'application/json' }, text: big }],
    outcome: { kind: 'fast', message: /larger than 1024 KiB; reading stopped/ },
  },
];

describe('fault matrix: token endpoint', () => {
  describe.each(PLATFORMS)('%s', (platform) => {
    test.each(TOKEN_CASES.map((c) => [c.fault, c] as const))('%s', async (_name, c) => {
      const s = await stub(sequence(...c.replies!));
      const inputs: Record<string, string> = {
        'token-url': s.url('/oauth/v2/token'),
        'client-id': 'fault-client',
        'client-secret': SECRET,
        'max-retry-seconds': '10',
        ...(c.refresh ? { 'refresh-token': REFRESH } : {}),
        ...c.inputs,
      };
      const r = await run(platform, 'token', inputs, `token: ${c.fault}`);
      expectOutcome(r, c.outcome, s.requests.length);
      expect(
        findLeaks({ secret: SECRET, refresh: REFRESH }, [{ name: 'run', text: r.everything }]),
      ).toEqual([]);
      record({
        area: 'fault',
        how,
        what: `token: ${c.fault}`,
        platform,
        step: 'token',
        outcome: c.outcome.kind,
        requests: s.requests.length,
      });
    });

    test('connection refused until the budget runs out', async () => {
      const port = await closedPort();
      const r = await run(
        platform,
        'token',
        {
          'token-url': `http://127.0.0.1:${port}/token`,
          'client-id': 'fault-client',
          'client-secret': SECRET,
          'max-retry-seconds': '2',
        },
        'token: connection refused',
      );
      expectOutcome(r, { kind: 'budget', message: /Connection to 127\.0\.0\.1:\d+ refused/ }, 0);
      expect(r.message).toMatch(/ECONNREFUSED/);
      record({
        area: 'fault',
        how,
        what: 'token: connection refused',
        platform,
        step: 'token',
        outcome: 'budget',
      });
    });

    test('a 302 to another host is not followed and the credentials go nowhere else', async () => {
      const elsewhere = await stub(() => ok);
      const s = await stub(() => ({ status: 302, headers: { location: elsewhere.url('/token') } }));
      const r = await run(
        platform,
        'token',
        {
          'token-url': s.url('/token'),
          'client-id': 'fault-client',
          'client-secret': SECRET,
        },
        'token: 302 to another host',
      );
      expectOutcome(r, { kind: 'fast', message: /HTTP 302/ }, s.requests.length);
      expect(elsewhere.requests).toEqual([]);
      record({
        area: 'fault',
        how,
        what: 'token: 302 to another host',
        platform,
        step: 'token',
        outcome: 'fast',
        requests: 1,
      });
    });

    test('an untrusted TLS certificate fails at once with advice, no retry storm', async () => {
      const certs = makeCerts();
      const s = await stub(() => ok, { key: certs.key, cert: certs.cert });
      const probe = new URL(s.origin);
      const r = await run(
        platform,
        'token',
        {
          'token-url': `https://127.0.0.1:${probe.port}/token`,
          'client-id': 'fault-client',
          'client-secret': SECRET,
        },
        'token: untrusted TLS certificate',
      );
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(
        /TLS certificate of 127\.0\.0\.1:\d+ is not trusted .*NODE_EXTRA_CA_CERTS/,
      );
      expect(r.log).not.toMatch(/Retrying/);
      expect(s.requests).toEqual([]);
      expect(r.message).not.toMatch(/attempts/);
      record({
        area: 'fault',
        how,
        what: 'token: untrusted TLS certificate',
        platform,
        step: 'token',
        outcome: 'fast',
      });
    });
  });
});

interface ApiCase {
  fault: string;
  /** Which call the fault hits: the first lookup or the create. */
  on: 'GET' | 'POST';
  faults: Fault[];
  inputs?: Record<string, string>;
  outcome: Outcome;
  /** Windows that must exist at the end. */
  windows: number;
}

const API_CASES: ApiCase[] = [
  {
    fault: 'reset on the lookup',
    on: 'GET',
    faults: [{ reset: true }],
    windows: 1,
    outcome: { kind: 'retried', requests: 3 },
  },
  {
    fault: 'hang on the lookup: timeout, then a retry',
    on: 'GET',
    faults: [{ hang: true }],
    inputs: { 'timeout-seconds': '0.5' },
    windows: 1,
    outcome: { kind: 'retried', requests: 3, log: /timeout/ },
  },
  {
    fault: 'a lookup answer that trickles past the timeout',
    on: 'GET',
    faults: [{ trickle: '{"code":0,"data":[]}', everyMs: 100 }],
    inputs: { 'timeout-seconds': '0.5' },
    windows: 1,
    outcome: { kind: 'retried', requests: 3 },
  },
  ...[500, 502].map((status): ApiCase => ({
    fault: `HTTP ${status} on the create: the retry finds no window, creates one`,
    on: 'POST',
    faults: [{ status, json: { error_code: status, message: 'oops' } }],
    windows: 1,
    outcome: { kind: 'retried', requests: 4 },
  })),
  {
    fault: 'HTTP 503 with Retry-After in seconds',
    on: 'GET',
    faults: [{ status: 503, headers: { 'retry-after': '1' } }],
    windows: 1,
    outcome: { kind: 'retried', requests: 3, log: /Retry-After/ },
  },
  {
    fault: 'HTTP 429 with Retry-After as an HTTP date',
    on: 'GET',
    faults: [{ status: 429, headers: { 'retry-after': later } }],
    windows: 1,
    outcome: { kind: 'retried', requests: 3, log: /Retry-After/ },
  },
  {
    fault: 'HTTP 503 without Retry-After',
    on: 'GET',
    faults: [{ status: 503 }],
    windows: 1,
    outcome: { kind: 'retried', requests: 3 },
  },
  {
    fault: 'HTTP 501 (never retried)',
    on: 'GET',
    faults: [{ status: 501 }],
    windows: 0,
    outcome: { kind: 'fast', message: /HTTP 501/ },
  },
  {
    fault: 'HTTP 500 on every lookup until the budget runs out',
    on: 'GET',
    faults: Array(50).fill({ status: 500 }),
    inputs: { 'max-retry-seconds': '2' },
    windows: 0,
    outcome: { kind: 'budget', message: /Site24x7 answered GET \/api\/monitors with HTTP 500/ },
  },
  {
    fault: 'an HTML error page with HTTP 200',
    on: 'GET',
    faults: [{ status: 200, headers: { 'content-type': 'text/html' }, text: '<html>Login</html>' }],
    windows: 0,
    outcome: { kind: 'fast', message: /HTTP 200 \(not JSON: text\/html, 18 bytes\)/ },
  },
  {
    fault: 'truncated JSON',
    on: 'GET',
    faults: [
      { status: 200, headers: { 'content-type': 'application/json' }, text: '{"code":0,"data":[' },
    ],
    windows: 0,
    outcome: { kind: 'fast', message: /not JSON/ },
  },
  {
    fault: 'an empty 200',
    on: 'GET',
    faults: [{ status: 200, text: '' }],
    windows: 0,
    outcome: { kind: 'fast', message: /not JSON/ },
  },
  {
    fault: 'a 10 MB body (reading stops at 1 MiB)',
    on: 'GET',
    faults: [{ status: 200, headers: { 'content-type': 'application/json' }, text: big }],
    windows: 0,
    outcome: { kind: 'fast', message: /larger than 1024 KiB; reading stopped/ },
  },
  {
    fault: 'a 302 to another host (not followed)',
    on: 'GET',
    faults: [{ status: 302, headers: { location: 'http://127.0.0.1:9/api/monitors' } }],
    windows: 0,
    outcome: { kind: 'fast', message: /HTTP 302/ },
  },
];

describe('fault matrix: Site24x7 API (maintenance start)', () => {
  let peer: Site24x7Peer;
  beforeEach(async () => {
    peer = await startSite24x7();
  });
  afterEach(() => peer.close());

  describe.each(PLATFORMS)('%s', (platform) => {
    test.each(API_CASES.map((c) => [c.fault, c] as const))('%s', async (_name, c) => {
      const token = peer.issue();
      const queue = [...c.faults];
      peer.fault = (req) =>
        req.method === c.on && req.path.startsWith('/api/') ? queue.shift() : undefined;
      const r = await run(
        platform,
        'maintenance',
        {
          'api-url': peer.apiUrl,
          'access-token': token,
          monitors: 'shop-web',
          'end-on-exit': 'false',
          'max-retry-seconds': '10',
          ...c.inputs,
        },
        `Site24x7: ${c.fault}`,
      );
      expectOutcome(r, c.outcome, peer.apiCalls().length);
      expect(peer.windows.size).toBe(c.windows);
      expect(
        findLeaks({ token }, [
          { name: 'run', text: r.everything.replace(/^::add-mask::.*$/gm, '') },
        ]),
      ).toEqual([]);
      record({
        area: 'fault',
        how,
        what: `Site24x7: ${c.fault}`,
        platform,
        step: 'maintenance',
        outcome: c.outcome.kind,
        requests: peer.apiCalls().length,
      });
    });

    test('connection refused until the budget runs out: nothing created', async () => {
      const port = await closedPort();
      const r = await run(
        platform,
        'maintenance',
        {
          'api-url': `http://127.0.0.1:${port}/api`,
          'access-token': peer.issue(),
          monitors: 'shop-web',
          'max-retry-seconds': '2',
        },
        'Site24x7: connection refused',
      );
      expectOutcome(r, { kind: 'budget', message: /refused/ }, 0);
      record({
        area: 'fault',
        how,
        what: 'Site24x7: connection refused',
        platform,
        step: 'maintenance',
        outcome: 'budget',
      });
    });
  });
});
