/**
 * The benchmarks of many runs at once and of failures: peak memory, requests per operation,
 * contention for a rate-limited token endpoint, a matrix against Zoho's throttle, and the time
 * to a clear error where retrying cannot help.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { startStub, type Stub } from '../../test/peers/stub.js';
import { type Site24x7Peer, startSite24x7 } from '../../test/peers/site24x7.js';
import { parseFileCommands } from '../../test/helpers/github.js';
import { azureTokenInputs, floorToken, produceEnvelope, tokenInputs } from './series.js';
import {
  azureEnv,
  baseEnv,
  bundle,
  dir,
  figures,
  file,
  githubEnv,
  MAINT,
  NODE,
  out,
  runOnce,
  SHARE_KEY,
} from './world.js';

const rssPreload = file(
  'rss.cjs',
  `process.on('exit', () => require('node:fs').appendFileSync(process.env.RSS_OUT, process.resourceUsage().maxRSS + '\\n'));`,
);

/** Peak memory (MiB) of a process, the worst of 5 runs, as the process reports it at exit. */
async function peakRss(args: string[], env: Record<string, string>): Promise<number> {
  const rssOut = file('rss', '');
  for (let i = 0; i < 5; i++)
    await runOnce(['-r', rssPreload, ...args], { ...env, RSS_OUT: rssOut });
  const values = readFileSync(rssOut, 'utf8').trim().split('\n').map(Number).filter(Boolean);
  return Math.max(...values) / 1024;
}

export interface Memory {
  floor: number;
  github: number;
  azure: number;
}

export async function memory(stub: Stub): Promise<Memory> {
  const m = {
    floor: await peakRss([floorToken], { ...baseEnv(), TOKEN_URL: stub.url('/token'), OUT: out() }),
    github: await peakRss([bundle('dist/main')], githubEnv('action.yml', tokenInputs(stub))),
    azure: await peakRss(
      [bundle('task/OAuthTokenV1/main')],
      azureEnv('OAuthTokenV1', azureTokenInputs(stub)),
    ),
  };
  figures['memory.peak'] = `${Math.max(m.github, m.azure).toFixed(0)} MiB`;
  return m;
}

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
      [bundle('dist/maintenance-main')],
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
  const which = opts.bundle ?? (opts.post ? 'dist/maintenance-post' : 'dist/maintenance-main');
  const action = which === 'dist/main' ? 'action.yml' : MAINT;
  const code = await runOnce([bundle(which)], githubEnv(action, resolved, st));
  const calls = p.requests
    .slice(before)
    .map((q) => `${q.method} ${q.path.replace(/\?.*/, '')}`)
    .join(', ');
  const count = p.requests.length - before;
  await p.close();
  return { count, ok: code === 0, calls };
}

const OPERATIONS: Array<[string, Record<string, string>, { post?: boolean; bundle?: string }]> = [
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

/** Table rows: operation, requests on the happy path, with one 503, and the calls made. */
export async function requestRows(): Promise<string[]> {
  const rows: string[] = [];
  for (const [name, inputs, o] of OPERATIONS) {
    const happy = await requestsFor(inputs, o);
    const fault = await requestsFor(inputs, { ...o, fault: true });
    rows.push(
      `| ${name} | ${happy.count}${happy.ok ? '' : ' (failed)'} | ${fault.count}${fault.ok ? '' : ' (failed)'} | ${happy.calls} |`,
    );
  }
  return rows;
}

/** Contention: N concurrent token runs against a server that grants PER_WINDOW per W seconds. */
export const CONTENTION = { N: 20, PER_WINDOW: 5, W: 2 };

export async function contention(stub: Stub): Promise<string> {
  const { N, PER_WINDOW, W } = CONTENTION;
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
            ...tokenInputs(stub),
            'token-url': limited.url('/token'),
            'max-retry-seconds': '120',
          });
          const c = spawn(NODE, [bundle('dist/main')], { env, stdio: 'ignore' });
          c.on('close', (code) => resolve(code ?? 1));
        }),
    ),
  );
  const makespan = (Date.now() - t0) / 1000;
  await limited.close();
  const floor = Math.ceil(N / PER_WINDOW) * W;
  const succeeded = codes.filter((c) => c === 0).length;
  Object.assign(figures, {
    'contention.runs': String(N),
    'contention.per-window': String(PER_WINDOW),
    'contention.window-seconds': String(W),
    'contention.succeeded': String(succeeded),
    'contention.requests': String(total),
    'contention.refused': String(refused),
    'contention.makespan': `${makespan.toFixed(0)} s`,
    'contention.floor': `${floor} s`,
  });
  return `| runs | succeeded | makespan | floor ceil(N/${PER_WINDOW})·W | ratio | requests | refused | target requests N + ceil(N/${PER_WINDOW}) |
|---|---|---|---|---|---|---|---|
| ${N} | ${succeeded} | ${makespan.toFixed(1)} s | ${floor} s | ${(makespan / floor).toFixed(2)}x | ${total} | ${refused} | ${N + Math.ceil(N / PER_WINDOW)} |`;
}

/** M deployment jobs against Zoho's throttle: ZOHO_LIMIT tokens, then HTTP-200 "Access Denied". */
export const MATRIX = { M: 20, ZOHO_LIMIT: 10 };

async function matrix(shared: boolean): Promise<string> {
  const { M, ZOHO_LIMIT } = MATRIX;
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
  const jobInputs = shared
    ? { envelope: await produceEnvelope(mintInputs), 'share-key': SHARE_KEY }
    : mintInputs;
  const codes = await Promise.all(
    Array.from({ length: M }, () =>
      runOnce([bundle('dist/main')], githubEnv('action.yml', jobInputs)),
    ),
  );
  const makespan = (Date.now() - t0) / 1000;
  await zohoPeer.close();
  const k = shared ? 'matrix.shared' : 'matrix.unshared';
  const succeeded = `${codes.filter((c) => c === 0).length} of ${M}`;
  figures[`${k}.requests`] = String(n);
  figures[`${k}.succeeded`] = succeeded;
  return `| ${shared ? `one mint, then ${M} jobs open its envelope` : `${M} jobs, each minting`} | ${n} | ${succeeded} | ${makespan.toFixed(1)} s |`;
}

export const matrixRows = async () => [await matrix(false), await matrix(true)];

/**
 * Time to a clear error where retrying cannot help, with default settings (max-retry-seconds
 * 300): a refused connection and an unknown host. Before the connection window (issue 11), a
 * refused connection took 4 min 37 s and 17 attempts.
 */
export const FAIL_RUNS = 3;

export async function failRows(stub: Stub): Promise<string[]> {
  const failFast = (url: string) => {
    const env = githubEnv('action.yml', { ...tokenInputs(stub), 'token-url': url });
    const t0 = process.hrtime.bigint();
    const run = spawnSync(NODE, [bundle('dist/main')], { env, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ms, attempts: /Gave up after (\d+) attempts?/.exec(run.stdout)?.[1] ?? '?' };
  };
  const refusedPort = await new Promise<number>((resolve) => {
    const srv = createNetServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
  const rows: string[] = [];
  for (const [what, url] of [
    ['connection refused (closed port on 127.0.0.1)', `http://127.0.0.1:${refusedPort}/token`],
    ['unknown host (`.invalid`, DNS answers NXDOMAIN)', 'https://oauth-token-action.invalid/token'],
  ] as const) {
    const runs = Array.from({ length: FAIL_RUNS }, () => failFast(url));
    const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
    rows.push(
      `| ${what} | ${(sorted[Math.floor(sorted.length / 2)]! / 1000).toFixed(1)} s | ${(sorted[0]! / 1000).toFixed(1)}–${(sorted[sorted.length - 1]! / 1000).toFixed(1)} s | ${runs.map((r) => r.attempts).join(', ')} |`,
    );
  }
  return rows;
}
