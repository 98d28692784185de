/**
 * `npm run bench`: what a run of this project costs on this machine, against the floor.
 * Not a test: it never fails on a number. Writes BENCHMARKS.md.
 *
 * Every timed process runs with NODE_EXTRA_CA_CERTS and NODE_OPTIONS unset (runners set
 * neither; on Node 20 the first alone makes each start ~2.5x slower).
 *
 *   BENCH_RUNS=30            runs per series (interleaved)
 *   BENCH_NODE=/path/to/node the Node that runs the bundles and floors (default: this one)
 *   BENCH_CONTENTION=0       skip the contention run
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { startStub } from '../test/peers/stub.js';
import { type Site24x7Peer, startSite24x7, type Window } from '../test/peers/site24x7.js';
import { actionDefaults, baseEnv, parseFileCommands, ROOT } from '../test/helpers/github.js';
import { taskDefaults } from '../test/helpers/azure.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const NODE = process.env.BENCH_NODE ?? process.execPath;
const NODE_VERSION = spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();
const ENTRY_DIRS = [
  'dist/main',
  'dist/post',
  'dist/maintenance-main',
  'dist/maintenance-post',
  'task/OAuthTokenV1/main',
  'task/OAuthTokenV1/post',
  'task/Site24x7MaintenanceV1/main',
  'task/Site24x7MaintenanceV1/post',
];

if (ENTRY_DIRS.some((d) => !existsSync(join(ROOT, d, 'index.js')))) {
  spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

const stub = await startStub(() => ({
  json: { access_token: 'bench-token-0123456789', token_type: 'Bearer', expires_in: 3600 },
}));
const peer = await startSite24x7();
const apiToken = peer.issue();
const dir = mkdtempSync(join(tmpdir(), 'bench-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

// The floors: the least bare Node can do for each operation (node:http, no checks).
const REQUEST = `const http = require('node:http');
function send(method, url, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve(data));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const api = { authorization: 'Zoho-oauthtoken ' + process.env.TOKEN, accept: 'application/json; version=2.0', 'content-type': 'application/json;charset=UTF-8' };
`;
const floorToken = file(
  'floor-token.cjs',
  `${REQUEST}send('POST', process.env.TOKEN_URL, { 'content-type': 'application/x-www-form-urlencoded' }, 'grant_type=client_credentials&client_id=c&client_secret=s')
  .then((d) => require('node:fs').writeFileSync(process.env.OUT, JSON.parse(d).access_token));
`,
);
const floorStart = file(
  'floor-start.cjs',
  `${REQUEST}(async () => {
  const monitors = JSON.parse(await send('GET', process.env.API + '/monitors', api)).data;
  const id = monitors.find((m) => m.display_name === 'shop-web').monitor_id;
  const body = JSON.stringify({ display_name: 'bench', maintenance_type: 3, start_date: '2026-11-22', start_time: '10:00', end_date: '2026-11-22', end_time: '11:00', timezone: 'UTC', selection_type: 2, monitors: [id] });
  const created = JSON.parse(await send('POST', process.env.API + '/maintenance', api, body)).data;
  require('node:fs').writeFileSync(process.env.OUT, created.maintenance_id);
})();
`,
);
const floorEnd = file(
  'floor-end.cjs',
  `${REQUEST}send('PUT', process.env.API + '/maintenance/' + process.env.ID, api, process.env.BODY)
  .then((d) => require('node:fs').writeFileSync(process.env.OUT, d));
`,
);
const rssPreload = file(
  'rss.cjs',
  `process.on('exit', () => require('node:fs').appendFileSync(process.env.RSS_OUT, process.resourceUsage().maxRSS + '\\n'));`,
);

/** Run a process to its end without blocking the servers in this process (unlike spawnSync). */
function runOnce(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, args, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

function timeRun(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(NODE, args, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
  });
}

/** Runner-style environment for a GitHub bundle: action.yml defaults, file commands. */
function githubEnv(
  action: string,
  inputs: Record<string, string>,
  state: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {
    ...baseEnv(),
    RUNNER_TEMP: dir,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '4242',
  };
  for (const f of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_STEP_SUMMARY'])
    env[f] = file(f.toLowerCase(), '');
  for (const [k, v] of Object.entries({ ...actionDefaults(action), ...inputs }))
    env[`INPUT_${k.toUpperCase()}`] = v;
  for (const [k, v] of Object.entries(state)) env[`STATE_${k}`] = v;
  return env;
}

/** Agent-style environment for an Azure DevOps task bundle. */
function azureEnv(
  task: string,
  inputs: Record<string, string>,
  taskVariables: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {
    ...baseEnv(),
    AGENT_VERSION: '4.260.0',
    AGENT_TEMPDIRECTORY: dir,
  };
  for (const [k, v] of Object.entries({ ...taskDefaults(task), ...inputs }))
    env[`INPUT_${k.toUpperCase()}`] = v;
  for (const [k, v] of Object.entries(taskVariables))
    env[`VSTS_TASKVARIABLE_${k.toUpperCase()}`] = v;
  return env;
}

const tokenInputs = {
  'token-url': stub.url('/token'),
  'client-id': 'c',
  'client-secret': 'bench-secret-0123456789',
};
const MAINT = 'site24x7-maintenance/action.yml';
const startInputs = {
  'api-url': peer.apiUrl,
  'access-token': apiToken,
  monitors: 'shop-web',
};

// A window for the end runs, restored before each run so every run really shortens it.
await runOnce([join(ROOT, 'dist/maintenance-main/index.js')], githubEnv(MAINT, startInputs));
const state = parseFileCommands(readFileSync(join(dir, 'github_state'), 'utf8'));
const windowId = state['maintenance-id']!;
const original = structuredClone(peer.windows.get(windowId)) as Window;
const restore = () => peer.windows.set(windowId, structuredClone(original));
const azureState = {
  maintenanceId: windowId,
  plannedWindow: state['planned-window']!,
  accessToken: apiToken,
  apiRoot: state['api-root']!,
  endsAt: state['ends-at']!,
};

// One sealed token for the consumer series: the producer's token-envelope output.
const SHARE_KEY = 'bench-share-key-0123456789-abcdefghijklmn';
/** Run a producer (a mint with the share key) and return its token-envelope output. */
async function produceEnvelope(inputs: Record<string, string>): Promise<string> {
  await runOnce(
    [join(ROOT, 'dist/main/index.js')],
    githubEnv('action.yml', { ...inputs, 'share-key': SHARE_KEY }),
  );
  return parseFileCommands(readFileSync(join(dir, 'github_output'), 'utf8'))['token-envelope']!;
}
const envelope = await produceEnvelope(tokenInputs);

interface Series {
  name: string;
  floor?: string;
  run: () => Promise<number>;
}
const out = () => join(dir, 'out');
const SERIES: Series[] = [
  { name: '`node -e 0`', run: () => timeRun(['-e', '0'], baseEnv()) },
  {
    name: 'floor: one token POST with node:http, token written to a file',
    run: () => timeRun([floorToken], { ...baseEnv(), TOKEN_URL: stub.url('/token'), OUT: out() }),
  },
  {
    name: 'GitHub token, `dist/main`',
    floor: 'floor: one token POST with node:http, token written to a file',
    run: () => timeRun([join(ROOT, 'dist/main/index.js')], githubEnv('action.yml', tokenInputs)),
  },
  {
    name: 'GitHub token from an envelope (no request), `dist/main`',
    floor: 'floor: one token POST with node:http, token written to a file',
    run: () =>
      timeRun(
        [join(ROOT, 'dist/main/index.js')],
        githubEnv('action.yml', { envelope, 'share-key': SHARE_KEY }),
      ),
  },
  {
    name: 'Azure DevOps token, `task/OAuthTokenV1/main`',
    floor: 'floor: one token POST with node:http, token written to a file',
    run: () =>
      timeRun(
        [join(ROOT, 'task/OAuthTokenV1/main/index.js')],
        azureEnv('OAuthTokenV1', {
          tokenUrl: tokenInputs['token-url'],
          clientId: 'c',
          clientSecret: tokenInputs['client-secret'],
        }),
      ),
  },
  {
    name: 'floor: monitor list GET + window POST with node:http',
    run: () =>
      timeRun([floorStart], { ...baseEnv(), API: peer.apiUrl, TOKEN: apiToken, OUT: out() }),
  },
  {
    name: 'GitHub maintenance start, `dist/maintenance-main`',
    floor: 'floor: monitor list GET + window POST with node:http',
    run: () =>
      timeRun([join(ROOT, 'dist/maintenance-main/index.js')], githubEnv(MAINT, startInputs)),
  },
  {
    name: 'Azure DevOps maintenance start, `task/Site24x7MaintenanceV1/main`',
    floor: 'floor: monitor list GET + window POST with node:http',
    run: () =>
      timeRun(
        [join(ROOT, 'task/Site24x7MaintenanceV1/main/index.js')],
        azureEnv('Site24x7MaintenanceV1', {
          apiUrl: peer.apiUrl,
          accessToken: apiToken,
          monitors: 'shop-web',
        }),
      ),
  },
  {
    name: 'floor: window PUT with node:http',
    run: () => {
      restore();
      return timeRun([floorEnd], {
        ...baseEnv(),
        API: peer.apiUrl,
        TOKEN: apiToken,
        ID: windowId,
        BODY: JSON.stringify(original),
        OUT: out(),
      });
    },
  },
  {
    name: 'GitHub maintenance end (post step), `dist/maintenance-post`',
    floor: 'floor: window PUT with node:http',
    run: () => {
      restore();
      return timeRun(
        [join(ROOT, 'dist/maintenance-post/index.js')],
        githubEnv(MAINT, { 'api-url': peer.apiUrl }, state),
      );
    },
  },
  {
    name: 'Azure DevOps maintenance end (post-job), `task/Site24x7MaintenanceV1/post`',
    floor: 'floor: window PUT with node:http',
    run: () => {
      restore();
      return timeRun(
        [join(ROOT, 'task/Site24x7MaintenanceV1/post/index.js')],
        azureEnv('Site24x7MaintenanceV1', { apiUrl: peer.apiUrl }, azureState),
      );
    },
  },
  ...ENTRY_DIRS.map((d) => ({
    name: `load and exit, no inputs: \`${d}\``,
    floor: '`node -e 0`',
    run: () =>
      timeRun(
        [join(ROOT, d, 'index.js')],
        d.startsWith('task/')
          ? { ...baseEnv(), AGENT_VERSION: '4.260.0', AGENT_TEMPDIRECTORY: dir }
          : { ...baseEnv(), GITHUB_OUTPUT: file('o', ''), GITHUB_STATE: file('s', '') },
      ),
  })),
];

const times = new Map<string, number[]>(SERIES.map((s) => [s.name, []]));
process.stderr.write(`Timing ${SERIES.length} series × ${RUNS} runs with ${NODE_VERSION}...\n`);
for (let i = 0; i < RUNS; i++) {
  // Interleaved, so drift in machine load hits every series alike.
  for (const s of SERIES) times.get(s.name)!.push(await s.run());
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]!;
  return { median: q(0.5), p10: q(0.1), p90: q(0.9) };
}
const median = (name: string) => stats(times.get(name)!).median;
const row = (s: Series) => {
  const st = stats(times.get(s.name)!);
  const ratio = s.floor ? `${(st.median / median(s.floor)).toFixed(2)}x` : '';
  return `| ${s.name} | ${st.median.toFixed(1)} | ${st.p10.toFixed(1)}–${st.p90.toFixed(1)} | ${ratio} |`;
};

// Peak memory of a token run (maxRSS reported by the process itself at exit).
async function peakRss(args: string[], env: Record<string, string>): Promise<number> {
  const rssOut = file('rss', '');
  for (let i = 0; i < 5; i++)
    await runOnce(['-r', rssPreload, ...args], { ...env, RSS_OUT: rssOut });
  const values = spawnSync('cat', [rssOut], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .map(Number)
    .filter(Boolean);
  return Math.max(...values) / 1024;
}
const rssFloor = await peakRss([floorToken], {
  ...baseEnv(),
  TOKEN_URL: stub.url('/token'),
  OUT: out(),
});
const rssGithub = await peakRss(
  [join(ROOT, 'dist/main/index.js')],
  githubEnv('action.yml', tokenInputs),
);
const rssAzure = await peakRss(
  [join(ROOT, 'task/OAuthTokenV1/main/index.js')],
  azureEnv('OAuthTokenV1', {
    tokenUrl: tokenInputs['token-url'],
    clientId: 'c',
    clientSecret: tokenInputs['client-secret'],
  }),
);

// Requests per operation: the happy path, and with one retryable fault (a 503 on the first
// Site24x7 call, or on the token call).
async function requestsFor(
  inputs: Record<string, string>,
  opts: { post?: boolean; fault?: boolean; bundle?: string } = {},
): Promise<{ count: number; ok: boolean; calls: string }> {
  const p: Site24x7Peer = await startSite24x7();
  const token = p.issue();
  const fill = (v: string) =>
    v
      .replace('$API', p.apiUrl)
      .replace('$TOKEN_URL', p.tokenUrl)
      .replace('$TOKEN', token)
      .replace('$CLIENT_ID', p.client.id)
      .replace('$SECRET', p.client.secret)
      .replace('$REFRESH', p.client.refreshToken);
  const resolved = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, fill(v)]));
  let st: Record<string, string> = {};
  if (opts.post) {
    await runOnce(
      [join(ROOT, 'dist/maintenance-main/index.js')],
      githubEnv(MAINT, { ...resolved, monitors: 'shop-web' }),
    );
    st = parseFileCommands(readFileSync(join(dir, 'github_state'), 'utf8'));
  }
  const before = p.requests.length;
  let faulted = false;
  if (opts.fault) {
    p.fault = () => {
      if (faulted) return undefined;
      faulted = true;
      return { status: 503, json: { error_code: 503, message: 'busy' } };
    };
  }
  const bundle = opts.bundle ?? (opts.post ? 'dist/maintenance-post' : 'dist/maintenance-main');
  const action = bundle === 'dist/main' ? 'action.yml' : MAINT;
  const code = await runOnce([join(ROOT, bundle, 'index.js')], githubEnv(action, resolved, st));
  const calls = p.requests
    .slice(before)
    .map((q) => `${q.method} ${q.path.replace(/\?.*/, '')}`)
    .join(', ');
  const count = p.requests.length - before;
  await p.close();
  return { count, ok: code === 0, calls };
}
const ops: Array<[string, Record<string, string>, { post?: boolean; bundle?: string }]> = [
  [
    'token (Zoho refresh)',
    {
      provider: 'site24x7',
      'token-url': '$TOKEN_URL',
      'client-id': '$CLIENT_ID',
      'client-secret': '$SECRET',
      'refresh-token': '$REFRESH',
    },
    { bundle: 'dist/main' },
  ],
  [
    'start, monitors by name, access token given',
    { 'api-url': '$API', 'access-token': '$TOKEN', monitors: 'shop-web,shop-api' },
    {},
  ],
  [
    'start, monitor IDs, access token given',
    { 'api-url': '$API', 'access-token': '$TOKEN', monitors: '100000000001' },
    {},
  ],
  [
    'start, monitor groups by name',
    { 'api-url': '$API', 'access-token': '$TOKEN', 'monitor-groups': 'Databases' },
    {},
  ],
  ['start, tags', { 'api-url': '$API', 'access-token': '$TOKEN', tags: 'env:prod' }, {}],
  [
    'start, monitors by name, minting the token',
    {
      'api-url': '$API',
      'token-url': '$TOKEN_URL',
      'client-id': '$CLIENT_ID',
      'client-secret': '$SECRET',
      'refresh-token': '$REFRESH',
      monitors: 'shop-web',
    },
    {},
  ],
  [
    'end by the post step, with its saved state',
    { 'api-url': '$API', 'access-token': '$TOKEN' },
    { post: true },
  ],
  [
    'check, monitors by name',
    { 'api-url': '$API', 'access-token': '$TOKEN', operation: 'check', monitors: 'shop-web' },
    {},
  ],
];
const opRows: string[] = [];
for (const [name, inputs, o] of ops) {
  const happy = await requestsFor(inputs, o);
  const fault = await requestsFor(inputs, { ...o, fault: true });
  opRows.push(
    `| ${name} | ${happy.count}${happy.ok ? '' : ' (failed)'} | ${fault.count}${fault.ok ? '' : ' (failed)'} | ${happy.calls} |`,
  );
}

// Contention: N concurrent token runs against a server that grants 5 tokens per window of
// W seconds and answers 429 with Retry-After (the seconds to the next window) beyond that.
const N = 20;
const PER_WINDOW = 5;
const W = 2;
let contention = '(skipped: BENCH_CONTENTION=0)';
/** The figures other pages quote (README, docs): written beside BENCHMARKS.md, from the same run. */
const figures: Record<string, string> = {};
if (process.env.BENCH_CONTENTION !== '0') {
  let windowStart = Date.now();
  let granted = 0;
  let refused = 0;
  let total = 0;
  const limited = await startStub((req) => {
    // The stub asks once before reading the body (to allow resets); count real requests only.
    if (!req.body) return { json: {} };
    total++;
    const now = Date.now();
    if (now - windowStart >= W * 1000) {
      windowStart += Math.floor((now - windowStart) / (W * 1000)) * W * 1000;
      granted = 0;
    }
    if (granted < PER_WINDOW) {
      granted++;
      return {
        json: { access_token: `t-${total}-0123456789`, token_type: 'Bearer', expires_in: 3600 },
      };
    }
    refused++;
    const wait = Math.max(1, Math.ceil((windowStart + W * 1000 - now) / 1000));
    return { status: 429, headers: { 'retry-after': String(wait) }, json: { error: 'slow_down' } };
  });
  const t0 = Date.now();
  const codes = await Promise.all(
    Array.from(
      { length: N },
      () =>
        new Promise<number>((resolve) => {
          const env = githubEnv('action.yml', {
            ...tokenInputs,
            'token-url': limited.url('/token'),
            'max-retry-seconds': '120',
          });
          const c = spawn(NODE, [join(ROOT, 'dist/main/index.js')], { env, stdio: 'ignore' });
          c.on('close', (code) => resolve(code ?? 1));
        }),
    ),
  );
  const makespan = (Date.now() - t0) / 1000;
  await limited.close();
  const floor = Math.ceil(N / PER_WINDOW) * W;
  Object.assign(figures, {
    'contention.runs': String(N),
    'contention.per-window': String(PER_WINDOW),
    'contention.window-seconds': String(W),
    'contention.succeeded': String(codes.filter((c) => c === 0).length),
    'contention.requests': String(total),
    'contention.refused': String(refused),
    'contention.makespan': `${makespan.toFixed(0)} s`,
    'contention.floor': `${floor} s`,
  });
  contention = `| runs | succeeded | makespan | floor ceil(N/${PER_WINDOW})·W | ratio | requests | refused | target requests N + ceil(N/${PER_WINDOW}) |
|---|---|---|---|---|---|---|---|
| ${N} | ${codes.filter((c) => c === 0).length} | ${makespan.toFixed(1)} s | ${floor} s | ${(makespan / floor).toFixed(2)}x | ${total} | ${refused} | ${N + Math.ceil(N / PER_WINDOW)} |`;
}
// A matrix of M deployment jobs against Zoho's throttle (10 tokens per refresh token per window,
// then HTTP-200 "Access Denied"): each job minting its own token, or one mint and M envelopes.
const M = 20;
const ZOHO_LIMIT = 10;
async function matrix(shared: boolean) {
  let n = 0;
  const zohoPeer = await startStub((req) => {
    if (!req.body) return { json: {} };
    n++;
    return n <= ZOHO_LIMIT
      ? {
          json: {
            access_token: `1000.matrix-${n}-0123456789`,
            token_type: 'Bearer',
            expires_in: 3600,
            api_domain: 'https://www.zohoapis.com',
          },
        }
      : {
          json: {
            error: 'Access Denied',
            error_description:
              'You have made too many requests continuously. Please try again after some time.',
            status: 'failure',
          },
        };
  });
  const mintInputs = {
    provider: 'zoho',
    'token-url': zohoPeer.url('/oauth/v2/token'),
    'client-id': '1000.C',
    'client-secret': 'bench-secret-0123456789',
    'refresh-token': '1000.bench-refresh-0123456789',
    'max-retry-seconds': '0',
  };
  const t0 = Date.now();
  let jobInputs: Record<string, string> = mintInputs;
  if (shared) {
    jobInputs = { envelope: await produceEnvelope(mintInputs), 'share-key': SHARE_KEY };
  }
  const codes = await Promise.all(
    Array.from({ length: M }, () =>
      runOnce([join(ROOT, 'dist/main/index.js')], githubEnv('action.yml', jobInputs)),
    ),
  );
  const makespan = (Date.now() - t0) / 1000;
  await zohoPeer.close();
  const k = shared ? 'matrix.shared' : 'matrix.unshared';
  figures[`${k}.requests`] = String(n);
  figures[`${k}.succeeded`] = `${codes.filter((c) => c === 0).length} of ${M}`;
  return `| ${shared ? 'one mint, then ' + M + ' jobs open its envelope' : M + ' jobs, each minting'} | ${n} | ${codes.filter((c) => c === 0).length} of ${M} | ${makespan.toFixed(1)} s |`;
}
const matrixRows = [await matrix(false), await matrix(true)];

// Time to a clear error where retrying cannot help, with default settings (max-retry-seconds
// 300): a refused connection and an unknown host. Before the connection window (issue 11), a
// refused connection took 4 min 37 s and 17 attempts.
async function failFast(url: string): Promise<{ ms: number; attempts: string }> {
  const env = githubEnv('action.yml', { ...tokenInputs, 'token-url': url });
  const t0 = process.hrtime.bigint();
  const out = spawnSync(NODE, [join(ROOT, 'dist/main/index.js')], { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const attempts = /Gave up after (\d+) attempts?/.exec(out.stdout)?.[1] ?? '?';
  return { ms, attempts };
}
const refusedPort = await new Promise<number>((resolve) => {
  const srv = createNetServer();
  srv.listen(0, '127.0.0.1', () => {
    const { port } = srv.address() as AddressInfo;
    srv.close(() => resolve(port));
  });
});
const FAIL_RUNS = 3;
const failRows: string[] = [];
for (const [what, url] of [
  ['connection refused (closed port on 127.0.0.1)', `http://127.0.0.1:${refusedPort}/token`],
  ['unknown host (`.invalid`, DNS answers NXDOMAIN)', 'https://oauth-token-action.invalid/token'],
] as const) {
  const runs: Array<{ ms: number; attempts: string }> = [];
  for (let i = 0; i < FAIL_RUNS; i++) runs.push(await failFast(url));
  const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
  failRows.push(
    `| ${what} | ${(sorted[Math.floor(sorted.length / 2)]! / 1000).toFixed(1)} s | ${(sorted[0]! / 1000).toFixed(1)}–${(sorted[sorted.length - 1]! / 1000).toFixed(1)} s | ${runs.map((r) => r.attempts).join(', ')} |`,
  );
}

await stub.close();
await peer.close();

const sizeRows = ENTRY_DIRS.map((d) => {
  const files = readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.js'));
  const kb = (f: string) => statSync(join(ROOT, d, f)).size / 1024;
  const total = files.reduce((a, f) => a + kb(f), 0);
  const lazy = files.filter((f) => f !== 'index.js');
  return `| \`${d}\` | ${kb('index.js').toFixed(0)} KiB | ${lazy.length ? `${lazy.map((f) => `${f} ${kb(f).toFixed(0)} KiB`).join(', ')}` : '–'} | ${total.toFixed(0)} KiB |`;
});

const sizes = ENTRY_DIRS.map((d) =>
  readdirSync(join(ROOT, d))
    .filter((f) => f.endsWith('.js'))
    .reduce((a, f) => a + statSync(join(ROOT, d, f)).size / 1024, 0),
);
const ratioOf = (name: string) => {
  const s = SERIES.find((x) => x.name === name)!;
  return median(name) / median(s.floor!);
};
Object.assign(figures, {
  'token.github.ratio': `${ratioOf('GitHub token, `dist/main`').toFixed(2)}x`,
  'token.azure.ratio': `${ratioOf('Azure DevOps token, `task/OAuthTokenV1/main`').toFixed(2)}x`,
  'token.envelope.ratio': `${ratioOf('GitHub token from an envelope (no request), `dist/main`').toFixed(2)}x`,
  'memory.peak': `${Math.max(rssGithub, rssAzure).toFixed(0)} MiB`,
  'bundle.smallest': `${Math.min(...sizes).toFixed(0)} KiB`,
  'bundle.largest': `${Math.max(...sizes).toFixed(0)} KiB`,
  date: new Date().toISOString().slice(0, 10),
});

const target = (name: string, limit: number) => {
  const s = SERIES.find((x) => x.name === name)!;
  const ratio = median(name) / median(s.floor!);
  return `- ${name}: ${ratio.toFixed(2)}x the floor; target ${limit.toFixed(1)}x ${ratio <= limit ? 'met' : `not met (${((ratio / limit - 1) * 100).toFixed(0)} % over)`}.`;
};
const timed = (filter: (s: Series) => boolean) => SERIES.filter(filter).map(row).join('\n');
const report = `# Benchmarks

Produced by \`npm run bench\` (${RUNS} interleaved runs per series). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${NODE_VERSION}, ${new Date().toISOString().slice(0, 10)}. NODE_EXTRA_CA_CERTS and NODE_OPTIONS unset for every timed process. Servers on 127.0.0.1. Figures move by ±15 % between runs on this shared machine; compare ratios, not milliseconds.

## Time per operation (ms, wall time from spawn to exit)

| what | median | p10–p90 | vs its floor |
|---|---|---|---|
${timed((s) => !s.name.startsWith('load and exit'))}

${target('GitHub token, `dist/main`', 1.5)}
${target('Azure DevOps token, `task/OAuthTokenV1/main`', 2.0)}
- GitHub token from an envelope: ${(median('GitHub token from an envelope (no request), `dist/main`') / median('floor: one token POST with node:http, token written to a file')).toFixed(2)}x the floor of a mint; target: below the GitHub mint (${median('GitHub token from an envelope (no request), `dist/main`') < median('GitHub token, `dist/main`') ? 'met' : 'not met'}).

## Load and exit with no inputs (ms)

| what | median | p10–p90 | vs \`node -e 0\` |
|---|---|---|---|
${timed((s) => s.name.startsWith('load and exit'))}

## Peak memory of a token run (maxRSS, worst of 5)

| process | peak RSS |
|---|---|
| floor: one token POST with node:http | ${rssFloor.toFixed(1)} MiB |
| GitHub \`dist/main\` | ${rssGithub.toFixed(1)} MiB |
| Azure DevOps \`task/OAuthTokenV1/main\` | ${rssAzure.toFixed(1)} MiB |

Target: under 50 MiB (${Math.max(rssGithub, rssAzure) < 50 ? 'met' : 'not met'}).

## Requests per operation (GitHub bundles; the Azure DevOps tasks run the same steps)

| operation | happy path | with one 503 | calls (happy path) |
|---|---|---|---|
${opRows.join('\n')}

## Contention

${N} token runs at once against a server that grants ${PER_WINDOW} tokens per ${W}-second window and answers 429 with \`Retry-After\` (seconds to the next window) beyond that; \`max-retry-seconds\` 120.

${contention}

## A matrix against Zoho's throttle

${M} deployment jobs started at once, against a Zoho peer that grants ${ZOHO_LIMIT} tokens per refresh token and then answers HTTP 200 \`Access Denied\` (Zoho's throttle, which lasts up to 10 minutes), \`max-retry-seconds\` 0. With retries on, the jobs past ${ZOHO_LIMIT} would wait out the throttle instead of failing.

| how | token requests | jobs with a token | makespan |
|---|---|---|---|
${matrixRows.join('\n')}

## Time to a clear error where retrying cannot help (GitHub token, default settings)

Failures to connect at all are retried for 15 s only; \`max-retry-seconds\` (default 300) is kept for what a server asks for (429, 503, \`Retry-After\`, Zoho's throttle). ${FAIL_RUNS} runs each. Before this window, a refused connection took 4 min 37 s and 17 attempts.

| failure | median | min–max | attempts per run |
|---|---|---|---|
${failRows.join('\n')}

## Bundle sizes (every file a run may load; lazy chunks load only when a proxy applies)

| entry | index.js | lazy chunks | total |
|---|---|---|---|
${sizeRows.join('\n')}

Target: each under 600 KB.
`;
writeFileSync(join(ROOT, 'BENCHMARKS.md'), report);
writeFileSync(
  join(ROOT, 'docs', 'benchmark-figures.json'),
  `${JSON.stringify(Object.fromEntries(Object.entries(figures).sort()), null, 2)}\n`,
);
console.log(report);
