/**
 * What every benchmark shares: the Node that runs the bundles, a scratch folder, the peers,
 * runner- and agent-style environments, and processes timed from spawn to exit.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionDefaults, baseEnv, ROOT } from '../../test/helpers/github.js';
import { taskDefaults } from '../../test/helpers/azure.js';

export { baseEnv, ROOT };

export const NODE = process.env.BENCH_NODE ?? process.execPath;
export const NODE_VERSION = spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();
export const RUNS = Number(process.env.BENCH_RUNS ?? 30);

/** Every bundle a run may start, GitHub's and Azure DevOps'. */
export const ENTRY_DIRS = [
  'dist/main',
  'dist/post',
  'dist/maintenance-main',
  'dist/maintenance-post',
  'task/OAuthTokenV1/main',
  'task/OAuthTokenV1/post',
  'task/Site24x7MaintenanceV1/main',
  'task/Site24x7MaintenanceV1/post',
];

export const dir = mkdtempSync(join(tmpdir(), 'bench-'));
export const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
export const out = () => join(dir, 'out');
export const bundle = (d: string) => join(ROOT, d, 'index.js');

/** Run a process to its end without blocking the servers in this process (unlike spawnSync). */
export function runOnce(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, args, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** Milliseconds from spawn to exit. */
export function timeRun(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(NODE, args, { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
  });
}

/** Runner-style environment for a GitHub bundle: action.yml defaults, file commands. */
export function githubEnv(
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
export function azureEnv(
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

export const MAINT = 'site24x7-maintenance/action.yml';
/** One sealed token's share key, for the consumer series and the throttle matrix. */
export const SHARE_KEY = 'bench-share-key-0123456789-abcdefghijklmn';

/** The figures other pages quote (README, docs): written beside BENCHMARKS.md, from one run. */
export const figures: Record<string, string> = {};
