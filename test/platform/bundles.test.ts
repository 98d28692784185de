/**
 * What every run downloads and loads. Sizes and times are the benchmark's business
 * (npm run bench); these are the structural facts the figures depend on.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/github.js';

const BUNDLE_DIRS = [
  'dist/main',
  'dist/post',
  'dist/job-token',
  'dist/maintenance-main',
  'dist/maintenance-post',
  'dist/cli',
  'task/OAuthTokenV1/main',
  'task/OAuthTokenV1/post',
  'task/OAuthTokenV1/job-token',
  'task/Site24x7MaintenanceV1/main',
  'task/Site24x7MaintenanceV1/post',
];

const jsFiles = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(ROOT, dir, f));

test.each(BUNDLE_DIRS)(
  '%s: no undici, no start-up source-map hook, each file under 600 KB',
  (dir) => {
    let total = 0;
    for (const f of jsFiles(dir)) {
      const code = readFileSync(f, 'utf8');
      total += statSync(f).size;
      // What a run loads at start (index.js), and each lazy chunk (a proxy's tunnel, the JOSE
      // library for private_key_jwt, libsodium for write-back), loaded only when its feature is on.
      expect({ file: f, small: statSync(f).size < 600_000 }).toEqual({ file: f, small: true });
      // @actions/core's index pulls in @actions/http-client and undici; the adapter must not.
      expect(code).not.toMatch(/undici/);
      expect(code).not.toMatch(/sourcemap-register/);
    }
    expect(total).toBeLessThan(1_000_000);
    // Source maps ship beside the bundle for NODE_OPTIONS=--enable-source-maps.
    expect(readdirSync(join(ROOT, dir))).toContain('index.js.map');
  },
);

test('the GitHub bundles load no Azure code and the Azure bundles no GitHub code', () => {
  for (const dir of BUNDLE_DIRS) {
    const code = jsFiles(dir)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    if (dir.startsWith('dist/')) expect(code).not.toMatch(/##vso\[/);
    else expect(code).not.toMatch(/GITHUB_OUTPUT/);
  }
});

test('a plain GitHub mint loads neither node:crypto nor fs.promises (each costs every run time)', async () => {
  const { startStub } = await import('../peers/stub.js');
  const { runGithub } = await import('../helpers/github.js');
  const { mkdtempSync, writeFileSync: write } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const stub = await startStub(() => ({
    json: { access_token: 'structural-token-0123456789', token_type: 'Bearer', expires_in: 3600 },
  }));
  const dir = mkdtempSync(join(tmpdir(), 'loads-'));
  const report = join(dir, 'loads.json');
  // Node's own list of the internal modules this process loaded, written as it exits.
  const preload = join(dir, 'loads.cjs');
  write(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(process.moduleLoadList)));`,
  );
  try {
    const r = await runGithub(
      'dist/main/index.js',
      { 'token-url': stub.url('/token'), 'client-id': 'c', 'client-secret': 'structural-secret-1' },
      { env: { NODE_OPTIONS: `--require ${preload}` } },
    );
    expect(r.code).toBe(0);
    expect(r.outputs['access-token']).toBe('structural-token-0123456789');
    const loaded = JSON.parse(readFileSync(report, 'utf8')) as string[];
    expect(loaded).toContain('NativeModule http');
    expect(loaded.filter((m) => /^NativeModule (crypto|internal\/fs\/promises)$/.test(m))).toEqual(
      [],
    );
  } finally {
    await stub.close();
  }
});

test("the command line's launcher is CommonJS: Node's ES-module loader costs every command ~30 ms", () => {
  expect(JSON.parse(readFileSync(join(ROOT, 'dist/package.json'), 'utf8'))).toEqual({
    type: 'commonjs',
  });
  const launcher = readFileSync(join(ROOT, 'dist/cli.js'), 'utf8');
  expect(launcher).toMatch(/^#!\/usr\/bin\/env node\n/);
  expect(launcher).toContain("require('./cli/index.js')");
  expect(launcher).not.toMatch(/^import /m);
});
