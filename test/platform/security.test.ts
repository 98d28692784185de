/**
 * The findings of the security review (issue 11), each reproduced against the built bundles of
 * both platforms: runner commands from successful answers and from inputs, service connection
 * secrets sent where a pipeline author says, a lock other users can break, a stalled proxy that
 * keeps the process alive, and the lower findings. What a runner would act on is read with the
 * runner model (test/helpers/runner-model.ts), which treats zero-width characters as the
 * runners' culture-aware parsers do. The defusing and redaction tables run each platform's
 * entry in process (the real adapter and step, see run() below) with one row of each table on
 * the bundles; the rest is on the bundles.
 */
import {
  chmodSync,
  chownSync,
  existsSync,
  readFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AzureRun, type Connection, runAzure } from '../helpers/azure.js';
import { arrival, type SignalAt } from '../helpers/arrival.js';
import { type GithubRun, ROOT, runGithub } from '../helpers/github.js';
import { findLeaks } from '../helpers/leaks.js';
import { record } from '../helpers/record.js';
import { runAzureInProcess, runGithubInProcess, runInProcess } from '../helpers/inprocess.js';
import { injected } from '../helpers/runner-model.js';
import { tokenMain } from '../../src/steps/token.js';
import { startProxy } from '../peers/proxy.js';
import { type Site24x7Peer, startSite24x7 } from '../peers/site24x7.js';
import { closedPort, sequence, type Stub, startStub, zoho } from '../peers/stub.js';
import { makeCerts } from '../peers/tls.js';

type Platform = 'github' | 'azure';
const PLATFORMS: Platform[] = ['github', 'azure'];
const SECRET = 'security-secret-0123456789';

const closers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});
async function stub(handler: Parameters<typeof startStub>[0]): Promise<Stub> {
  const s = await startStub(handler);
  closers.push(s);
  return s;
}
async function site24x7(): Promise<Site24x7Peer> {
  const p = await startSite24x7();
  closers.push(p);
  return p;
}

/** One run's result in the same shape on both platforms. */
interface Run {
  ok: boolean;
  message: string;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  everything: string;
  ms: number;
  raw: GithubRun | AzureRun;
}

const AZURE_INPUTS: Record<string, string> = {
  'token-url': 'tokenUrl',
  'client-id': 'clientId',
  'client-secret': 'clientSecret',
  'refresh-token': 'refreshToken',
  'access-token': 'accessToken',
  'api-url': 'apiUrl',
  'max-retry-seconds': 'maxRetrySeconds',
  'timeout-seconds': 'timeoutSeconds',
  'dry-run': 'dryRun',
  'end-on-exit': 'endOnExit',
  'revoke-url': 'revokeUrl',
};

async function run(
  platform: Platform,
  step: 'token' | 'maintenance',
  inputs: Record<string, string>,
  opts: {
    env?: Record<string, string>;
    connection?: Connection;
    signalAt?: SignalAt;
    /** Run the bundle; otherwise the entry in process unless signalled. */
    spawned?: boolean;
  } = {},
): Promise<Run> {
  const t0 = Date.now();
  // The entry in process (runGithubInProcess, runAzureInProcess: the same adapter, so the same
  // output, file commands and logging commands) for the defusing and redaction tables; the
  // bundle for one row of each, and wherever a process ending, a signal or a real wait is the
  // point.
  const bundle = opts.spawned || opts.signalAt;
  if (platform === 'github') {
    const r = await (bundle ? runGithub : runGithubInProcess)(
      step === 'token' ? 'dist/main/index.js' : 'dist/maintenance-main/index.js',
      inputs,
      {
        action: step === 'token' ? 'action.yml' : 'site24x7-maintenance/action.yml',
        env: opts.env,
        signalAt: opts.signalAt,
      },
    );
    const error = r.commands.find((c) => c.command === 'error');
    return {
      ok: r.code === 0,
      message: error?.value ?? '',
      stdout: r.stdout,
      outputs: r.outputs,
      summary: r.summary,
      everything: [r.stdout, r.stderr, ...Object.values(r.files)].join('\n'),
      ms: Date.now() - t0,
      raw: r,
    };
  }
  const azureInputs = Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => [
      AZURE_INPUTS[k] ?? k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
      v,
    ]),
  );
  const task = step === 'token' ? 'OAuthTokenV1' : 'Site24x7MaintenanceV1';
  const given = { variables: opts.env, connection: opts.connection };
  const r = bundle
    ? await runAzure(task, 'main', azureInputs, { ...given, signalAt: opts.signalAt })
    : await runAzureInProcess(task, 'main', azureInputs, given);
  const summaryFile = Object.keys(r.files).find((f) => f.endsWith('.md'));
  return {
    ok: r.result === undefined && r.code === 0,
    message: r.result?.message ?? '',
    stdout: r.stdout,
    outputs: Object.fromEntries(Object.entries(r.outputs).map(([k, v]) => [k, v.value])),
    summary: summaryFile ? r.files[summaryFile]! : '',
    everything: [r.stdout, r.stderr, ...Object.values(r.files)].join('\n'),
    ms: Date.now() - t0,
    raw: r,
  };
}

const tokenInputs = (s: Stub, extra: Record<string, string> = {}) => ({
  'token-url': s.url('/token'),
  'client-id': 'security-client',
  'client-secret': SECRET,
  ...extra,
});

function expectNoInjection(platform: Platform, r: Run) {
  expect(injected(platform, r.stdout)).toEqual([]);
  if (platform === 'azure') {
    const a = r.raw as AzureRun;
    for (const c of a.commands) {
      expect(c.area).not.toBe('task.prependpath');
      if (c.area === 'task.complete') expect(c.props.result).toBe('Failed');
    }
  }
}

describe('1. runner commands from successful token answers', () => {
  const evil: Array<[string, Record<string, unknown>, string | undefined]> = [
    ['token_type with a line break', { token_type: 'Bearer\n::warning::x' }, 'token_type'],
    [
      'token_type with an Azure command in one line',
      { token_type: 'x ##vso[task.setvariable variable=DEPLOY_TARGET]evil' },
      'token_type',
    ],
    ['access_token with a line break', { access_token: 'tok-0123456789\nabc' }, 'access_token'],
    [
      'scope with a zero-width space (outside the scope grammar)',
      { scope: 'read #\u200B#vso[task.complete result=Succeeded]' },
      'scope',
    ],
    [
      'scope with runner commands (valid scope characters: kept, defused)',
      { scope: 'read ##vso[task.prependpath]/evil ::warning::x' },
      undefined,
    ],
  ];
  for (const platform of PLATFORMS) {
    test.each(evil)(`${platform}: %s`, async (_what, fields, refused) => {
      const body = { ...(zoho.ok() as { json: Record<string, unknown> }).json, ...fields };
      const s = await stub(sequence({ json: body }));
      const r = await run(platform, 'token', tokenInputs(s, { 'max-retry-seconds': '0' }), {
        spawned: _what === 'token_type with a line break',
      });
      expectNoInjection(platform, r);
      expect(s.requests).toHaveLength(1);
      if (refused) {
        expect(r.ok).toBe(false);
        expect(r.message).toContain(`malformed ${refused}`);
        expect(r.outputs).toEqual({});
        // Named, never quoted.
        expect(r.everything).not.toContain('::warning::x');
        expect(r.everything).not.toContain('DEPLOY_TARGET');
      } else {
        expect(r.ok).toBe(true);
        expect(r.outputs.scope).toBe(fields.scope);
        if (platform === 'azure') {
          const vars = (r.raw as AzureRun).commands.filter((c) => c.area === 'task.setvariable');
          expect(vars.map((c) => c.props.variable).sort()).toEqual(
            [
              'accessToken',
              'apiDomain',
              'authorization',
              'expiresAt',
              'expiresIn',
              'scope',
              'tokenType',
            ].sort(),
          );
        }
      }
      record({ area: 'injection', what: `success answer: ${_what}`, platform, outcome: 'defused' });
    });
  }
});

describe('1-2. runner commands from Site24x7 answers and the name input', () => {
  const EVIL_NAME =
    'shop ##vso[task.prependpath]/evil\n::warning::x [link](https://evil.test) <img>';
  for (const platform of PLATFORMS) {
    test(`${platform}: a create answer whose window id is not an ID is refused, the window is kept for the post step`, async () => {
      const peer = await site24x7();
      peer.fault = (req) =>
        req.method === 'POST' && req.path.endsWith('/maintenance')
          ? {
              status: 200,
              json: {
                code: 0,
                message: 'success',
                data: { maintenance_id: '1\n::warning::x ##vso[task.prependpath]/e' },
              },
            }
          : undefined;
      const r = await run(
        platform,
        'maintenance',
        { 'api-url': peer.apiUrl, 'access-token': peer.issue(), monitors: 'shop-web' },
        { spawned: true },
      );
      expect(r.ok).toBe(false);
      expect(r.message).toContain('no usable maintenance_id');
      expect(r.outputs['maintenance-id'] ?? r.outputs.maintenanceId).toBeUndefined();
      expectNoInjection(platform, r);
      // Not a refusal: Site24x7 may have created it, so the post step still looks for it.
      const state =
        platform === 'github'
          ? (r.raw as GithubRun).state['planned-window']
          : (r.raw as AzureRun).taskVariables.plannedWindow;
      expect(state).toContain('display_name');
      record({ area: 'injection', what: 'Site24x7 window id', platform, outcome: 'defused' });
    });

    test(`${platform}: monitor names in the dry-run line and a name input with line breaks`, async () => {
      const peer = await site24x7();
      peer.monitors.push({
        monitor_id: '100000000666',
        display_name: EVIL_NAME,
        type: 'URL',
        monitor_groups: [],
        tag_ids: ['300000000001'],
      });
      const dry = await run(platform, 'maintenance', {
        'api-url': peer.apiUrl,
        'access-token': peer.issue(),
        tags: 'env:prod',
        'dry-run': 'true',
        name: 'Deploy\n::warning::x\r\n##vso[task.setvariable variable=X]y',
      });
      expect(dry.ok).toBe(true);
      expectNoInjection(platform, dry);
      expect(dry.stdout).toContain('Dry run: would send POST');
      // The name is one line in the request body.
      expect(dry.stdout).toContain('"display_name": "Deploy : :warning: :x ##vso(task.setvariable');

      const real = await run(platform, 'maintenance', {
        'api-url': peer.apiUrl,
        'access-token': peer.issue(),
        tags: 'env:prod',
        'end-on-exit': 'false',
        name: 'Deploy\n::warning::x',
      });
      expect(real.ok).toBe(true);
      expectNoInjection(platform, real);
      const [w] = [...peer.windows.values()];
      expect(w!.display_name).toBe('Deploy ::warning::x');
      // The summary escapes names and IDs: no link, no image, no HTML, no command.
      expect(real.summary).toContain('shop \\#\\#vso');
      expect(real.summary).not.toMatch(/\]\(https:\/\/evil/);
      expect(real.summary).not.toContain('<img>');
      record({
        area: 'injection',
        what: 'monitor names and name input',
        platform,
        outcome: 'defused',
      });
    });
  }
});

describe('3-4. Azure: a service connection sends its secrets only where it says', () => {
  const connection = (data: Record<string, string>): Connection => ({
    id: 'c0ffee00-1111-2222-3333-444455556666',
    scheme: 'UsernamePassword',
    params: { username: 'pinned-client', password: SECRET },
    data,
  });

  test('revokeUrl and apiUrl inputs are refused with a connection; nothing is sent anywhere', async () => {
    const token = await stub(sequence(zoho.ok()));
    const elsewhere = await stub(sequence({ json: {} }));
    const revoke = await runAzure(
      'OAuthTokenV1',
      'main',
      { revoke: 'true', revokeUrl: elsewhere.url('/revoke') },
      { connection: connection({ provider: 'generic', tokenUrl: token.url('/token') }) },
    );
    expect(revoke.result?.result).toBe('Failed');
    expect(revoke.result?.message).toMatch(
      /^Input 'revokeUrl' is set, but this task uses a service connection/,
    );

    const peer = await site24x7();
    const api = await runAzure(
      'Site24x7MaintenanceV1',
      'main',
      { apiUrl: elsewhere.url('/api'), monitors: 'shop-web' },
      {
        connection: {
          ...connection({ provider: 'site24x7', region: 'eu', tokenUrl: peer.tokenUrl }),
          scheme: 'Token',
          params: {
            clientid: peer.client.id,
            clientsecret: peer.client.secret,
            refreshtoken: peer.client.refreshToken,
          },
        },
      },
    );
    expect(api.result?.message).toMatch(
      /^Input 'apiUrl' is set, but this task uses a service connection/,
    );
    expect(token.requests).toHaveLength(0);
    expect(elsewhere.requests).toHaveLength(0);
    expect(peer.requests).toHaveLength(0);
    record({
      area: 'security',
      what: 'connection pinned URLs',
      platform: 'azure',
      outcome: 'refused',
    });
  });

  test('the maintenance task refuses a connection of another provider before sending anything', async () => {
    const token = await stub(
      sequence({ json: { access_token: 'workato-0123456789', token_type: 'bearer' } }),
    );
    const peer = await site24x7();
    const r = await runAzure(
      'Site24x7MaintenanceV1',
      'main',
      { monitors: 'shop-web' },
      {
        connection: connection({
          provider: 'workato',
          tokenUrl: token.url('/oauth2/token'),
          apiUrl: peer.apiUrl,
        }),
      },
    );
    expect(r.result?.message).toMatch(
      /^Input 'provider \(from the service connection\)' is 'workato', but the Site24x7 API accepts only tokens from Zoho's accounts servers/,
    );
    expect(token.requests).toHaveLength(0);
    expect(peer.requests).toHaveLength(0);
    record({
      area: 'security',
      what: 'maintenance connection provider',
      platform: 'azure',
      outcome: 'refused',
    });
  });
});

describe('5. the machine lock: nobody else can block it or aim its cleanup', () => {
  const uid = process.getuid!();
  const cases: Array<[string, (tmp: string) => void]> = [
    [
      "another user's folder in its place",
      (tmp) => {
        const d = join(tmp, `oauth-token-action-${uid}`);
        mkdirSync(d);
        // As root (CI) the folder really belongs to someone else; elsewhere it is open to all.
        if (uid === 0) chownSync(d, 65534, 65534);
        else chmodSync(d, 0o777);
        mkdirSync(join(d, 'victim-file-dir'));
      },
    ],
    [
      'a world-writable folder',
      (tmp) => {
        const d = join(tmp, `oauth-token-action-${uid}`);
        mkdirSync(d);
        chmodSync(d, 0o777);
      },
    ],
    ['a TMPDIR that is a regular file', () => undefined],
  ];
  for (const platform of PLATFORMS) {
    test.each(cases)(
      `${platform}: %s: the step succeeds without the lock and touches nothing`,
      async (what, setup) => {
        const base = mkdtempSync(join(tmpdir(), 'lock-attack-'));
        let tmp = base;
        if (what.startsWith('a TMPDIR that is a regular file')) {
          tmp = join(base, 'file');
          writeFileSync(tmp, 'x');
        } else setup(tmp);
        const before = existsSync(join(tmp, `oauth-token-action-${uid}`))
          ? readdirSync(join(tmp, `oauth-token-action-${uid}`))
          : [];
        const s = await stub(
          sequence({ json: { access_token: 'lock-0123456789', token_type: 'bearer' } }),
        );
        const r = await run(platform, 'token', tokenInputs(s, { 'max-retry-seconds': '0' }), {
          // TMPDIR is read by Node's own os.tmpdir(): only a process of its own shows it.
          spawned: true,
          env: {
            TMPDIR: tmp,
            ...(platform === 'github' ? { RUNNER_DEBUG: '1' } : { SYSTEM_DEBUG: 'true' }),
          },
        });
        expect(r.message).toBe('');
        expect(r.ok).toBe(true);
        expect(s.requests).toHaveLength(1);
        expect(r.stdout).toMatch(
          /The machine lock cannot be used \(.*\); going ahead without it\./,
        );
        if (existsSync(join(tmp, `oauth-token-action-${uid}`)))
          expect(readdirSync(join(tmp, `oauth-token-action-${uid}`))).toEqual(before);
        record({ area: 'security', what: `lock: ${what}`, platform, outcome: 'ran without lock' });
      },
    );
  }
});

/**
 * A proxy that takes connections and never answers (nor closes them); `connected` arrives with
 * the first.
 */
async function stalledProxy(connected = arrival()): Promise<{
  url: string;
  connections: () => number;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let count = 0;
  const server = createServer((s) => {
    count++;
    connected.arrive();
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const p = {
    url: `http://127.0.0.1:${port}`,
    connections: () => count,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
  closers.push(p);
  return p;
}

const proxyEnv = (platform: Platform, url: string): Record<string, string> =>
  platform === 'github'
    ? { https_proxy: url }
    : { AGENT_PROXYURL: url, AGENT_PROXYBYPASSLIST: '[]' };

describe('6. every process ends: a stalled proxy', () => {
  for (const platform of PLATFORMS) {
    test(`${platform}: the step reports the timeout and the process exits within timeout + 1 s`, async () => {
      const p = await stalledProxy();
      const r = await run(
        platform,
        'token',
        {
          'token-url': 'https://oauth.test/token',
          'client-id': 'c',
          'client-secret': SECRET,
          'timeout-seconds': '0.5',
          'max-retry-seconds': '0',
        },
        { env: proxyEnv(platform, p.url), spawned: true },
      );
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(/^No complete answer within 0\.5 s\./);
      expect(p.connections()).toBe(1);
      // Start-up included; before the fix the process never exited.
      expect(r.ms).toBeLessThan(500 + 1000 + 1500);
      record({
        area: 'lifecycle',
        what: 'stalled proxy: exits after the timeout',
        platform,
        outcome: 'exited',
      });
    });

    test.each(['SIGINT', 'SIGTERM'] as const)(
      `${platform}: %s during the CONNECT ends the process at once`,
      async (sig) => {
        const connected = arrival();
        const p = await stalledProxy(connected);
        let signalled = 0;
        const r = await run(
          platform,
          'token',
          {
            'token-url': 'https://oauth.test/token',
            'client-id': 'c',
            'client-secret': SECRET,
            'timeout-seconds': '60',
          },
          {
            env: proxyEnv(platform, p.url),
            signalAt: {
              at: connected.reached.then(() => void (signalled = Date.now())),
              signal: sig,
            },
          },
        );
        expect(r.ok).toBe(false);
        expect(r.message).toMatch(/cancelled/i);
        // Ended at once after the signal (the old bound less the guessed delay before it), with
        // the request still waiting on the proxy.
        expect(Date.now() - signalled).toBeLessThan(1000 + 1500);
        record({ area: 'lifecycle', what: `stalled proxy: ${sig}`, platform, outcome: 'exited' });
      },
    );

    test(`${platform}: a proxy's 407 is reported as the proxy's, once`, async () => {
      const p = await startProxy({ user: 'u', password: 'right-password-0123' });
      closers.push(p);
      const r = await run(
        platform,
        'token',
        { 'token-url': 'https://oauth.test/token', 'client-id': 'c', 'client-secret': SECRET },
        { env: proxyEnv(platform, p.url) },
      );
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(
        /^The proxy at 127\.0\.0\.1:\d+ asked for authentication \(HTTP 407\)/,
      );
      expect(p.seen).toHaveLength(1);
      record({ area: 'fault', what: 'proxy 407', platform, step: 'token', outcome: 'fast' });
    });
  }
});

describe('7. fast failure where retrying cannot help', () => {
  // In process, with the retry policy's waits made virtual (test/helpers/inprocess.ts): the
  // same step code and a real refused connection, without the 10 s of real back-off. The
  // wall-clock figure on the built bundle is measured by `npm run bench` (BENCHMARKS.md).
  test.each(PLATFORMS)(
    '%s: a refused connection fails within 15 s, with default settings',
    async (platform) => {
      const port = await closedPort();
      const r = await runInProcess(
        platform,
        tokenMain,
        { action: 'action.yml', task: 'OAuthTokenV1' },
        {
          'token-url': `http://127.0.0.1:${port}/token`,
          'client-id': 'c',
          'client-secret': SECRET,
        },
      );
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(
        /refused\. Gave up after [3-9] attempts in [\d.]+ s: failures to connect are retried for 15 s only/,
      );
      // Waited (virtually) less than the 15 s window, where the default budget is 300 s.
      expect(r.waitedMs).toBeLessThan(15_000);
      expect(r.waitedMs).toBeGreaterThan(2_000);
      record({
        area: 'fault',
        what: 'connection refused, default settings',
        platform,
        step: 'token',
        outcome: 'fast',
        how: 'in process',
      });
    },
  );
});

describe('8. lower findings', () => {
  for (const platform of PLATFORMS) {
    test(`${platform}: an echoed secret is redacted in lower-case percent-encoding and with a line separator`, async () => {
      const secret = 'low%case/sec\u2028ret+0123456789';
      const lower = encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
      const s = await stub(
        sequence({
          status: 400,
          json: {
            error: 'invalid_client',
            error_description: `got ${lower} and ${secret} and ${secret.replace('\u2028', ' ')}`,
          },
        }),
      );
      const r = await run(platform, 'token', { ...tokenInputs(s), 'client-secret': secret });
      expect(r.ok).toBe(false);
      expect(r.message).toContain('got *** and *** and ***');
      const visible = r.stdout
        .split('\n')
        .filter((l) => !/^(::add-mask::|##vso\[task\.setsecret\])/.test(l))
        .join('\n');
      expect(visible).not.toContain(lower);
      expect(visible).not.toContain('sec ret');
      expect(findLeaks({ secret }, [{ name: 'stdout', text: visible }])).toEqual([]);
    });

    test(`${platform}: an api-url query string is not logged`, async () => {
      const peer = await site24x7();
      const r = await run(platform, 'maintenance', {
        'api-url': `${peer.apiUrl}?sig=query-secret-0123`,
        'access-token': peer.issue(),
        operation: 'check',
        monitors: 'shop-web',
      });
      expect(r.everything).not.toContain('query-secret-0123');
      expect(r.message).toMatch(/^Input 'api-?[uU]rl' has a query string/);
      expect(peer.requests).toHaveLength(0);
    });
  }

  test('github: a proxy password with a literal % is decoded once', async () => {
    const certs = makeCerts('oauth.test');
    const s = await startStub(sequence(zoho.ok()), certs);
    closers.push(s);
    const password = 'p%ss-0123456789';
    const p = await startProxy({
      user: 'u',
      password,
      routes: { 'oauth.test:443': Number(new URL(s.origin).port) },
    });
    closers.push(p);
    const r = await run(
      'github',
      'token',
      { 'token-url': 'https://oauth.test/token', 'client-id': 'c', 'client-secret': SECRET },
      {
        env: {
          https_proxy: `http://u:${encodeURIComponent(password)}@127.0.0.1:${p.port}`,
          NODE_EXTRA_CA_CERTS: certs.caFile,
        },
        // Node reads NODE_EXTRA_CA_CERTS when a process starts.
        spawned: true,
      },
    );
    expect(r.message).toBe('');
    expect(r.ok).toBe(true);
    expect(p.seen[0]!.auth).toBe(`Basic ${Buffer.from(`u:${password}`).toString('base64')}`);
    // Registered before use (the runner unescapes %25 in command data).
    expect(r.stdout).toContain('::add-mask::p%25ss-0123456789');
  });

  test('azure: only the saved access token is a secret task variable (tokenExpiresAt is not)', async () => {
    const peer = await site24x7();
    const r = await runAzure('Site24x7MaintenanceV1', 'main', {
      apiUrl: peer.apiUrl,
      clientId: peer.client.id,
      clientSecret: peer.client.secret,
      refreshToken: peer.client.refreshToken,
      tokenUrl: peer.tokenUrl,
      region: 'eu',
      monitors: 'shop-web',
    });
    expect(r.result).toBeUndefined();
    const taskVars = r.commands.filter((c) => c.area === 'task.settaskvariable');
    const secret = taskVars.filter((c) => c.props.issecret === 'true').map((c) => c.props.variable);
    expect(secret).toEqual(['accessToken']);
    const expires = taskVars.find((c) => c.props.variable === 'tokenExpiresAt')!.value;
    expect(expires).toMatch(/^\d+$/);
    expect(r.secretsRegistered).not.toContain(expires);
  });
});

describe('Azure command restrictions (task.json)', () => {
  // The commands the agent allows in restricted mode, from its source: the classes marked
  // [CommandRestriction(AllowedInRestrictedMode = true)] in Agent.Worker/TaskCommandExtension.cs.
  const RESTRICTED_OK = new Set([
    'task.logdetail',
    'task.logissue',
    'task.issue',
    'task.complete',
    'task.setprogress',
    'task.setsecret',
    'task.setvariable',
    'task.debug',
    'task.settaskvariable',
    'task.prependpath',
  ]);
  const restrictions = (task: string) =>
    (
      JSON.parse(readFileSync(join(ROOT, 'task', task, 'task.json'), 'utf8')) as {
        restrictions: {
          commands?: { mode: string };
          settableVariables: { allowed: string[] };
        };
      }
    ).restrictions;

  test('the token task runs in restricted mode and sets only its declared outputs', async () => {
    const r = restrictions('OAuthTokenV1');
    expect(r.commands?.mode).toBe('restricted');
    const s = await stub(
      sequence(zoho.ok('1000.restricted.0123456789', { refresh_token: 'new-rt-0123456789' })),
    );
    const run = await runAzure('OAuthTokenV1', 'main', {
      provider: 'zoho',
      tokenUrl: s.url('/oauth/v2/token'),
      clientId: 'c',
      clientSecret: SECRET,
      refreshToken: 'old-rt-0123456789',
    });
    expect(run.result).toBeUndefined();
    for (const c of run.commands) expect(RESTRICTED_OK.has(c.area)).toBe(true);
    const set = run.commands
      .filter((c) => c.area === 'task.setvariable')
      .map((c) => c.props.variable!);
    expect(set.length).toBeGreaterThan(5);
    for (const v of set) expect(r.settableVariables.allowed).toContain(v);
  });

  test('the maintenance task sets only its declared outputs (commands stay unrestricted: it uploads a summary)', async () => {
    const r = restrictions('Site24x7MaintenanceV1');
    // Its summary (task.addattachment) is not allowed in restricted mode, so the mode cannot be
    // restricted.
    expect(RESTRICTED_OK.has('task.addattachment')).toBe(false);
    expect(r.commands).toBeUndefined();
    const peer = await site24x7();
    const run = await runAzure('Site24x7MaintenanceV1', 'main', {
      apiUrl: peer.apiUrl,
      accessToken: peer.issue(),
      monitors: 'shop-web',
    });
    expect(run.result).toBeUndefined();
    const set = run.commands
      .filter((c) => c.area === 'task.setvariable')
      .map((c) => c.props.variable!);
    expect(set.sort()).toEqual(['endsAt', 'maintenanceId', 'monitorIds', 'startsAt']);
    for (const v of set) expect(r.settableVariables.allowed).toContain(v);
  });
});
