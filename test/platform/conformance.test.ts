/**
 * Conformance of our shortcuts into the platform libraries. For start-up speed the GitHub
 * adapter uses @actions/core's internal modules and the Azure adapter task-lib's `internal`
 * module (src/platform/actions-core.ts, task-lib.ts). Each scenario here makes the same calls
 * (masks, outputs, env, state, multi-line and special-character values, errors, summaries,
 * secret and task variables, endpoint reads, failure) once through our wrappers and once through
 * the library's public API, each in its own process as a runner would start it, and requires
 * byte-identical runner output and files. A dependency bump that changes the protocol fails here.
 *
 * Known, deliberate difference, tested on its own: our Azure setSecret registers each line of a
 * multi-line value, where task.js refuses it.
 */
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, ROOT } from '../helpers/github.js';

const SCRIPTS = join(ROOT, 'test', 'platform', 'conformance');

/**
 * A script bundled into one CommonJS file, as the action and the tasks ship (on Azure DevOps
 * each side has its own: task.js loads the agent's data when it is imported, ours when the
 * adapter asks).
 * esbuild rather than the tasks' ncc: both hand our wrappers task-lib's exports object itself,
 * which `_loadData()` updates (src/platform/task-lib.ts reads `im._vault`), and esbuild bundles
 * in a tenth of a second where ncc's webpack takes about eight.
 */
function bundled(script: string): string {
  const out = mkdtempSync(join(tmpdir(), 'conformance-bundle-'));
  buildSync({
    entryPoints: [join(SCRIPTS, script)],
    outfile: join(out, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
  writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }');
  return join(out, 'index.js');
}

/** A bundled script, for our side or the library's, in a process of its own. */
function run(bundle: string, which: 'ours' | 'library', env: Record<string, string>) {
  const r = spawnSync(process.execPath, [bundle, which], {
    cwd: ROOT,
    env: { ...baseEnv(), ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** File commands carry a random delimiter per value (ghadelimiter_<uuid>): compare the rest. */
const delimiters = (text: string) =>
  text.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_<uuid>');

test('GitHub: our @actions/core shortcut writes what @actions/core writes, byte for byte', () => {
  const bundle = bundled('github.ts');
  const outputs = (which: string) => {
    const dir = mkdtempSync(join(tmpdir(), `conformance-gh-${which}-`));
    const files = ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'];
    const env: Record<string, string> = {};
    for (const f of files) {
      env[f] = join(dir, f.toLowerCase());
      writeFileSync(env[f]!, '');
    }
    const r = run(bundle, which as 'ours', env);
    return {
      ...r,
      files: Object.fromEntries(files.map((f) => [f, delimiters(readFileSync(env[f]!, 'utf8'))])),
    };
  };
  const ours = outputs('ours');
  const lib = outputs('library');
  expect(ours.stderr).toBe('');
  expect(lib.stderr).toBe('');
  expect(ours.stdout).toBe(lib.stdout);
  expect(ours.files).toEqual(lib.files);
  // What was compared is not empty: every call left its mark.
  expect(ours.stdout).toContain('::add-mask::multi%0Aline-secret');
  expect(ours.stdout).toContain('::error::failed: reason %25');
  expect(ours.stdout).toContain('exitCode=1');
  expect(ours.files.GITHUB_OUTPUT).toContain('out<<ghadelimiter_<uuid>\na\nb %;] ::x\n');
  expect(ours.files.GITHUB_STEP_SUMMARY).toBe('# Title\n\n| a | b |\n\n');
});

test('Azure Pipelines: our task-lib shortcut writes what task.js writes, byte for byte', () => {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-azp-'));
  const id = 'c0ffee00-1111-2222-3333-444455556666';
  const outputs = (which: 'ours' | 'library') =>
    run(bundled(`azure-${which}.ts`), which, {
      AGENT_TEMPDIRECTORY: dir,
      AGENT_VERSION: '4.260.0',
      [`ENDPOINT_AUTH_SCHEME_${id}`]: 'Token',
      [`ENDPOINT_DATA_${id}_PROVIDER`]: 'site24x7',
    });
  const ours = outputs('ours');
  const lib = outputs('library');
  expect(ours.stderr).toBe('');
  expect(lib.stderr).toBe('');
  // task.js does two things we skip on purpose, each a debug line: on load it copies the agent's
  // proxy and certificate settings into variables (the adapter reads them itself), and
  // setTaskVariable asserts the agent version (task.json's minimumAgentVersion does that).
  // Those lines are left out; every other byte is the same.
  const TASK_JS_ONLY =
    /^##vso\[task\.debug\](Agent\.(ProxyUrl|CAInfo|ClientCert|SkipCertValidation)=|(Detected )?Agent\.Version=).*\n/gm;
  expect(lib.stdout.match(TASK_JS_ONLY)!.length).toBeGreaterThanOrEqual(4);
  expect(ours.stdout.replace(TASK_JS_ONLY, '')).toBe(lib.stdout.replace(TASK_JS_ONLY, ''));
  for (const mark of [
    '##vso[task.setsecret]plain-secret-0123',
    '##vso[task.setvariable variable=outSecret;isOutput=true;issecret=true;]secret-value-0123',
    '##vso[task.settaskvariable variable=stateToken;issecret=true;]task-secret-0123',
    '##vso[task.addattachment type=Distributedtask.Core.Summary;name=Site24x7 maintenance window 9001;]/tmp/summary.md',
    '##vso[task.complete result=Failed;]failed: reason %AZP25',
    'env="v %"',
  ])
    expect(ours.stdout).toContain(mark);
});

test('Azure Pipelines: the one deliberate difference, a multi-line secret is masked line by line', async () => {
  const tl = await import('../../src/platform/task-lib.js');
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((c: string) => {
    out += c;
    return true;
  }) as typeof process.stdout.write;
  try {
    tl.setSecret('-----BEGIN KEY-----\nMIIB0123\n-----END KEY-----');
  } finally {
    process.stdout.write = write;
  }
  expect(out.trim().split(/\r?\n/)).toEqual([
    '##vso[task.setsecret]-----BEGIN KEY-----',
    '##vso[task.setsecret]MIIB0123',
    '##vso[task.setsecret]-----END KEY-----',
  ]);
});
