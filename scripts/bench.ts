/**
 * `npm run bench`: what a run of this project costs on this machine, against the floor.
 * Not a test: it never fails on a number. Writes BENCHMARKS.md.
 *
 * Every timed process runs with NODE_EXTRA_CA_CERTS and NODE_OPTIONS unset (runners set
 * neither; on Node 20 the first alone makes each start ~2.5x slower).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStub } from '../test/peers/stub.js';
import { actionDefaults, baseEnv, ROOT } from '../test/helpers/github.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const BUNDLES = [
  'dist/main/index.js',
  'dist/post/index.js',
  'task/OAuthTokenV1/main/index.js',
  'task/OAuthTokenV1/post/index.js',
];

if (BUNDLES.some((b) => !existsSync(join(ROOT, b)))) {
  spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

const stub = await startStub(() => ({
  json: { access_token: 'bench-token-0123456789', token_type: 'Bearer', expires_in: 3600 },
}));
const dir = mkdtempSync(join(tmpdir(), 'bench-'));

const floorScript = join(dir, 'floor.cjs');
writeFileSync(
  floorScript,
  `const http = require('node:http');
const body = 'grant_type=client_credentials&client_id=c&client_secret=s';
const req = http.request(process.env.TOKEN_URL, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
  let data = '';
  res.on('data', (c) => (data += c));
  res.on('end', () => require('node:fs').writeFileSync(process.env.OUT, JSON.parse(data).access_token));
});
req.end(body);
`,
);

function timeRun(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
  });
}

function tokenEnv(): Record<string, string> {
  const out = join(dir, 'output');
  writeFileSync(out, '');
  const env: Record<string, string> = {
    ...baseEnv(),
    GITHUB_OUTPUT: out,
    GITHUB_STATE: join(dir, 'state'),
    OUT: join(dir, 'floor-out'),
    TOKEN_URL: stub.url('/token'),
  };
  const inputs = {
    ...actionDefaults('action.yml'),
    'token-url': stub.url('/token'),
    'client-id': 'c',
    'client-secret': 'bench-secret-0123456789',
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return env;
}

function azureEnv(): Record<string, string> {
  const env: Record<string, string> = {
    ...baseEnv(),
    AGENT_VERSION: '4.260.0',
    AGENT_TEMPDIRECTORY: dir,
  };
  const inputs = {
    tokenUrl: stub.url('/token'),
    clientId: 'c',
    clientSecret: 'bench-secret-0123456789',
    timeoutSeconds: '30',
    maxRetrySeconds: '300',
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return env;
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]!;
  return { median: q(0.5), p10: q(0.1), p90: q(0.9) };
}

const series: Record<string, number[]> = {
  floor: [],
  github: [],
  githubLoad: [],
  azure: [],
  azureLoad: [],
  bare: [],
};
for (let i = 0; i < RUNS; i++) {
  // Interleaved, so drift in machine load hits every series alike.
  series.bare!.push(await timeRun(['-e', '0'], baseEnv()));
  series.floor!.push(await timeRun([floorScript], tokenEnv()));
  series.github!.push(await timeRun([join(ROOT, 'dist/main/index.js')], tokenEnv()));
  series.githubLoad!.push(await timeRun([join(ROOT, 'dist/main/index.js')], baseEnv()));
  series.azure!.push(await timeRun([join(ROOT, 'task/OAuthTokenV1/main/index.js')], azureEnv()));
  series.azureLoad!.push(
    await timeRun([join(ROOT, 'task/OAuthTokenV1/main/index.js')], {
      ...baseEnv(),
      AGENT_VERSION: '4.260.0',
      AGENT_TEMPDIRECTORY: dir,
    }),
  );
}
await stub.close();

const f = stats(series.floor!).median;
const fmt = (name: string, key: string) => {
  const s = stats(series[key]!);
  return `| ${name} | ${s.median.toFixed(1)} | ${s.p10.toFixed(1)}–${s.p90.toFixed(1)} | ${(s.median / f).toFixed(2)}x |`;
};
const sizes = BUNDLES.map(
  (b) => `| \`${b}\` | ${(statSync(join(ROOT, b)).size / 1024).toFixed(0)} KiB |`,
);
const report = `# Benchmarks

Produced by \`npm run bench\` (${RUNS} interleaved runs each). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. NODE_EXTRA_CA_CERTS and NODE_OPTIONS unset for every timed process.

## Time to token (ms, wall time from spawn to exit, token server on 127.0.0.1)

| what | median | p10–p90 | vs floor |
|---|---|---|---|
${fmt('`node -e 0`', 'bare')}
${fmt('floor: one POST with node:http, token written to a file', 'floor')}
${fmt('GitHub bundle `dist/main`, full run, outputs written', 'github')}
${fmt('GitHub bundle `dist/main`, load and fail on missing input', 'githubLoad')}
${fmt('Azure DevOps bundle `task/OAuthTokenV1/main`, full run', 'azure')}
${fmt('Azure DevOps bundle, load and fail on missing input', 'azureLoad')}

Targets (issue 7, not yet worked on): GitHub bundle within 1.5x of the floor, Azure DevOps bundle within 2.0x. The GitHub bundle loads \`@actions/core\`, which imports \`@actions/http-client\` and so \`undici\` at its top level; that load, not the request, is most of the gap.

## Bundle sizes

| bundle | size |
|---|---|
${sizes.join('\n')}
`;
writeFileSync(join(ROOT, 'BENCHMARKS.md'), report);
console.log(report);
