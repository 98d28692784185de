/**
 * `npm run bench`: what a run of this project costs on this machine, against the floor.
 * Not a test: it never fails on a number. Writes BENCHMARKS.md and docs/benchmark-figures.json.
 * The parts are in scripts/bench/: world.ts (environments, timing), series.ts (the timed series
 * by id), load.ts (memory, requests, contention, failures), report.ts (targets and verdicts).
 *
 * Every timed process runs with NODE_EXTRA_CA_CERTS and NODE_OPTIONS unset (runners set
 * neither; on Node 20 the first alone makes each start ~2.5x slower).
 *
 *   BENCH_RUNS=30            runs per series (interleaved)
 *   BENCH_NODE=/path/to/node the Node that runs the bundles and floors (default: this one)
 *   BENCH_CONTENTION=0       skip the contention run
 *   BENCH_ONLY=timing        time the series and print the verdicts only (writes nothing)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStub } from '../test/peers/stub.js';
import { startSite24x7 } from '../test/peers/site24x7.js';
import { bundle, dir, ENTRY_DIRS, figures, ROOT } from './bench/world.js';
import { allSeries, Timings } from './bench/series.js';
import { contention, failRows, matrixRows, memory, requestRows } from './bench/load.js';
import { MINT_TARGETS, report } from './bench/report.js';

if (ENTRY_DIRS.some((d) => !existsSync(bundle(d)))) {
  spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

const stub = await startStub(() => ({
  json: { access_token: 'bench-token-0123456789', token_type: 'Bearer', expires_in: 3600 },
}));
const peer = await startSite24x7();
try {
  const timings = await new Timings(await allSeries(stub, peer)).measure();
  if (process.env.BENCH_ONLY === 'timing') {
    for (const { id, limit } of MINT_TARGETS) {
      const r = timings.ratio(id);
      console.log(`${id}: ${r.toFixed(2)}x (target ${limit}x: ${r <= limit ? 'met' : 'not met'})`);
    }
  } else {
    const text = report({
      timings,
      memory: await memory(stub),
      requestRows: await requestRows(),
      contention:
        process.env.BENCH_CONTENTION === '0'
          ? '(skipped: BENCH_CONTENTION=0)'
          : await contention(stub),
      matrixRows: await matrixRows(),
      failRows: await failRows(stub),
    });
    writeFileSync(join(ROOT, 'BENCHMARKS.md'), text);
    writeFileSync(
      join(ROOT, 'docs', 'benchmark-figures.json'),
      `${JSON.stringify(Object.fromEntries(Object.entries(figures).sort()), null, 2)}\n`,
    );
    console.log(text);
  }
} finally {
  await stub.close();
  await peer.close();
  // The scratch folder of the timed runs (world.ts): windows, outputs, floors' scripts.
  rmSync(dir, { recursive: true, force: true });
}
