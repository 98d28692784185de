/**
 * BENCHMARKS.md from one run's figures, with a verdict for every target. The targets are
 * stated once here, by series id.
 */
import { readdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Memory } from './load.js';
import { CONTENTION, FAIL_RUNS, MATRIX } from './load.js';
import type { Series, Timings } from './series.js';
import { ENTRY_DIRS, figures, NODE_VERSION, ROOT, RUNS } from './world.js';

/** A mint's time over one bare node:http POST (issue 25): at most these, in every run. */
export const MINT_TARGETS: Array<{ id: string; limit: number }> = [
  { id: 'token.github', limit: 1.2 },
  { id: 'token.azure', limit: 1.4 },
];

/** The limits test/platform/bundles.test.ts enforces, in bytes. */
export const SIZE_TARGETS = { file: 600_000, bundle: 1_000_000 };
/** Peak memory of a token run, MiB. */
export const MEMORY_TARGET = 50;

const verdict = (ok: boolean, value: number, limit: number) =>
  ok ? 'met' : `not met (${((value / limit - 1) * 100).toFixed(0)} % over)`;

function timedRows(t: Timings, filter: (s: Series) => boolean): string {
  return t.series
    .filter(filter)
    .map((s) => {
      const st = t.stats(s.id);
      const ratio = s.floor ? `${t.ratio(s.id).toFixed(2)}x` : '';
      return `| ${s.name} | ${st.median.toFixed(1)} | ${st.p10.toFixed(1)}–${st.p90.toFixed(1)} | ${ratio} |`;
    })
    .join('\n');
}

function mintVerdicts(t: Timings): string {
  const lines = MINT_TARGETS.map(({ id, limit }) => {
    const r = t.ratio(id);
    return `- ${t.get(id).name}: ${r.toFixed(2)}x the floor; target ${limit.toFixed(1)}x ${verdict(r <= limit, r, limit)}.`;
  });
  const envelope = t.ratio('token.envelope');
  lines.push(
    `- GitHub token from an envelope: ${envelope.toFixed(2)}x the floor of a mint; target: below the GitHub mint (${t.median('token.envelope') < t.median('token.github') ? 'met' : 'not met'}).`,
  );
  return lines.join('\n');
}

interface BundleSize {
  dir: string;
  files: Array<{ name: string; bytes: number }>;
  total: number;
}

function bundleSizes(): BundleSize[] {
  return ENTRY_DIRS.map((d) => {
    const files = readdirSync(join(ROOT, d))
      .filter((f) => f.endsWith('.js'))
      .map((name) => ({ name, bytes: statSync(join(ROOT, d, name)).size }));
    return { dir: d, files, total: files.reduce((a, f) => a + f.bytes, 0) };
  });
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

function sizeSection(sizes: BundleSize[]): string {
  const rows = sizes.map(({ dir, files, total }) => {
    const main = files.find((f) => f.name === 'index.js')!;
    const lazy = files.filter((f) => f.name !== 'index.js');
    return `| \`${dir}\` | ${kib(main.bytes)} | ${lazy.length ? lazy.map((f) => `${f.name} ${kib(f.bytes)}`).join(', ') : '–'} | ${kib(total)} |`;
  });
  const largestFile = Math.max(...sizes.flatMap((s) => s.files.map((f) => f.bytes)));
  const largestBundle = Math.max(...sizes.map((s) => s.total));
  return `| entry | index.js | lazy chunks | total |
|---|---|---|---|
${rows.join('\n')}

What a run loads at start is \`index.js\`; each lazy chunk loads only when its feature is on (a proxy, private_key_jwt, write-back, an envelope, the job token source). The targets are the limits \`test/platform/bundles.test.ts\` enforces:

- Each file under ${SIZE_TARGETS.file / 1000} KB (the most one load parses): largest ${(largestFile / 1000).toFixed(0)} KB, ${verdict(largestFile < SIZE_TARGETS.file, largestFile, SIZE_TARGETS.file)}.
- Each bundle's files together under ${SIZE_TARGETS.bundle / 1000} KB (the most a run can load, every feature on): largest ${(largestBundle / 1000).toFixed(0)} KB, ${verdict(largestBundle < SIZE_TARGETS.bundle, largestBundle, SIZE_TARGETS.bundle)}.`;
}

export interface Results {
  timings: Timings;
  memory: Memory;
  requestRows: string[];
  contention: string;
  matrixRows: string[];
  failRows: string[];
}

export function report(r: Results): string {
  const { timings: t, memory: m } = r;
  const sizes = bundleSizes();
  Object.assign(figures, {
    'token.github.ratio': `${t.ratio('token.github').toFixed(2)}x`,
    'token.azure.ratio': `${t.ratio('token.azure').toFixed(2)}x`,
    'token.envelope.ratio': `${t.ratio('token.envelope').toFixed(2)}x`,
    'bundle.smallest': kib(Math.min(...sizes.map((s) => s.total))),
    'bundle.largest': kib(Math.max(...sizes.map((s) => s.total))),
    date: new Date().toISOString().slice(0, 10),
  });
  const peak = Math.max(m.github, m.azure);
  return `# Benchmarks

Produced by \`npm run bench\` (${RUNS} interleaved runs per series). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${NODE_VERSION}, ${new Date().toISOString().slice(0, 10)}. NODE_EXTRA_CA_CERTS and NODE_OPTIONS unset for every timed process. Servers on 127.0.0.1. Figures move by ±15 % between runs on this shared machine; compare ratios, not milliseconds.

## Time per operation (ms, wall time from spawn to exit)

| what | median | p10–p90 | vs its floor |
|---|---|---|---|
${timedRows(t, (s) => !s.id.startsWith('load.'))}

${mintVerdicts(t)}

## Load and exit with no inputs (ms)

| what | median | p10–p90 | vs \`node -e 0\` |
|---|---|---|---|
${timedRows(t, (s) => s.id.startsWith('load.'))}

## Peak memory of a token run (maxRSS, worst of 5)

| process | peak RSS |
|---|---|
| floor: one token POST with node:http | ${m.floor.toFixed(1)} MiB |
| GitHub \`dist/main\` | ${m.github.toFixed(1)} MiB |
| Azure DevOps \`task/OAuthTokenV1/main\` | ${m.azure.toFixed(1)} MiB |

Target: under ${MEMORY_TARGET} MiB (${verdict(peak < MEMORY_TARGET, peak, MEMORY_TARGET)}).

## Requests per operation (GitHub bundles; the Azure DevOps tasks run the same steps)

| operation | happy path | with one 503 | calls (happy path) |
|---|---|---|---|
${r.requestRows.join('\n')}

## Contention

${CONTENTION.N} token runs at once against a server that grants ${CONTENTION.PER_WINDOW} tokens per ${CONTENTION.W}-second window and answers 429 with \`Retry-After\` (seconds to the next window) beyond that; \`max-retry-seconds\` 120.

${r.contention}

## A matrix against Zoho's throttle

${MATRIX.M} deployment jobs started at once, against a Zoho peer that grants ${MATRIX.ZOHO_LIMIT} tokens per refresh token and then answers HTTP 200 \`Access Denied\` (Zoho's throttle, which lasts up to 10 minutes), \`max-retry-seconds\` 0. With retries on, the jobs past ${MATRIX.ZOHO_LIMIT} would wait out the throttle instead of failing.

| how | token requests | jobs with a token | makespan |
|---|---|---|---|
${r.matrixRows.join('\n')}

## Time to a clear error where retrying cannot help (GitHub token, default settings)

Failures to connect at all are retried for 15 s only; \`max-retry-seconds\` (default 300) is kept for what a server asks for (429, 503, \`Retry-After\`, Zoho's throttle). ${FAIL_RUNS} runs each. Before this window, a refused connection took 4 min 37 s and 17 attempts.

| failure | median | min–max | attempts per run |
|---|---|---|---|
${r.failRows.join('\n')}

## Bundle sizes (every file a run may load)

${sizeSection(sizes)}
`;
}
