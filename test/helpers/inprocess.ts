/**
 * A step run in this process: the real step code, the real HTTP transport to the same loopback
 * servers, inputs named and defaulted as each platform's runner gives them (action.yml defaults
 * and kebab-case names on GitHub, task.json defaults and camelCase on Azure DevOps), every log
 * line through the adapters' writer (SecretRegistry.clean). What it does not run is the bundle:
 * the runner protocol, masking commands and exit codes are the spawned tests' business.
 *
 * Waits are virtual (virtualClock): retry policy (back-off, Retry-After, budgets) is exercised
 * exactly, without the wall-clock time. Per-attempt timeouts stay real (they are the
 * transport's own timers).
 */
import { format } from 'node:util';
import { createTransport } from '../../src/core/net/http.js';
import { StepError } from '../../src/core/errors.js';
import type { Runtime } from '../../src/core/runtime.js';
import { SecretRegistry } from '../../src/platform/secrets.js';
import type { Platform } from '../../src/platform/types.js';
import type { Step } from '../../src/steps/run.js';
import { taskDefaults } from './azure.js';
import { actionDefaults } from './github.js';

export interface InProcessRun {
  ok: boolean;
  message: string;
  log: string;
  outputs: Record<string, string>;
  /** State saved for the post step. */
  state: Record<string, string>;
  /** Every line written, with the secrets registered so far left in (for leak scans). */
  everything: string;
  /** Virtual milliseconds the step waited. */
  waitedMs: number;
}

/**
 * Time for a step in process: `sleep` returns at once and moves `now` on, so retry policy and
 * polling are exercised exactly without the wall-clock time; `waited` is the virtual total.
 */
function virtualClock(): Pick<Runtime, 'now' | 'sleep'> & { waited(): number } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new StepError('cancelled', 'Cancelled.');
      offset += ms;
    },
    waited: () => offset,
  };
}

const camel = (k: string) => k.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export async function runInProcess(
  platform: 'github' | 'azure',
  step: Step,
  defaults: { action: string; task: string },
  inputs: Record<string, string>,
  /** Wraps the platform the step sees (fault injection). */
  wrap: (p: Platform) => Platform = (p) => p,
): Promise<InProcessRun> {
  const given =
    platform === 'github'
      ? { ...actionDefaults(defaults.action), ...inputs }
      : {
          ...taskDefaults(defaults.task),
          ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [camel(k), v])),
        };
  const lines: string[] = [];
  const outputs: Record<string, string> = {};
  const state = new Map<string, string>();
  const secrets = new SecretRegistry();
  let failed: string | undefined;
  const write = (prefix: string) => (m: string) => lines.push(`${prefix}${m}`);
  const p: Platform = {
    id: platform,
    get: (key) => given[platform === 'github' ? key : camel(key)] ?? '',
    label: (key) => (platform === 'github' ? key : camel(key)),
    log: secrets.logger({
      debug: write('debug: '),
      info: write(''),
      notice: write('notice: '),
      warning: write('warning: '),
    }),
    setSecret: (v) => void secrets.add(v),
    outputName: (key) => `the ${key} output`,
    setOutput: (key, value) => void (outputs[key] = value),
    exportVariable: () => undefined,
    saveState: (k, v) => void state.set(k, v),
    getState: (k) => state.get(k) ?? '',
    writeSummary: async (md) => void lines.push(secrets.clean(md)),
    fail: (m) => {
      failed = secrets.clean(m);
    },
    transport: () => ({}),
    requestIdToken: () =>
      Promise.reject(new StepError('input', 'No OIDC token in the in-process runtime.')),
    runInfo: () => ({ source: 'acme/shop', run: '17' }),
  };
  const clock = virtualClock();
  const rt: Runtime = {
    send: createTransport({}),
    log: p.log,
    now: clock.now,
    sleep: clock.sleep,
    random: Math.random,
  };
  try {
    await step(wrap(p), rt);
  } catch (e) {
    if (!(e instanceof StepError)) throw e;
    p.fail(e.message, e.kind);
  }
  const log = lines.join('\n');
  return {
    ok: failed === undefined,
    message: failed ?? '',
    log,
    outputs,
    state: Object.fromEntries(state),
    everything: `${log}\n${failed ?? ''}\n${Object.values(outputs).join('\n')}`,
    waitedMs: clock.waited(),
  };
}

/** The token or maintenance main step in process, with its own action's and task's defaults. */
export async function runMainInProcess(
  platform: 'github' | 'azure',
  step: 'token' | 'maintenance',
  inputs: Record<string, string>,
): Promise<InProcessRun> {
  // One after the other (see runGithubInProcess).
  const { tokenMain } = await import('../../src/steps/token.js');
  const { maintenanceMain } = await import('../../src/steps/maintenance.js');
  return step === 'token'
    ? runInProcess(platform, tokenMain, { action: 'action.yml', task: 'OAuthTokenV1' }, inputs)
    : runInProcess(
        platform,
        maintenanceMain,
        { action: 'site24x7-maintenance/action.yml', task: 'Site24x7MaintenanceV1' },
        inputs,
      );
}

/** Each GitHub bundle's entry, as src/entries/github/*.ts builds it. */
const ENTRIES = {
  'dist/main/index.js': async () => ({
    step: (await import('../../src/steps/token.js')).tokenMain,
    options: { secretStores: () => import('../../src/platform/github-secrets.js') },
  }),
  'dist/post/index.js': async () => ({
    step: (await import('../../src/steps/token-post.js')).tokenPost,
    options: {},
  }),
  'dist/maintenance-main/index.js': async () => ({
    step: (await import('../../src/steps/maintenance.js')).maintenanceMain,
    options: {},
  }),
  'dist/maintenance-post/index.js': async () => ({
    step: (await import('../../src/steps/maintenance.js')).maintenancePost,
    options: {},
  }),
};

let running = false;

/**
 * Run a step in this process as its bundle's process would run it: while it runs, process.env
 * is the step's environment, what it writes to standard output (process.stdout.write, which
 * @actions/core and task-lib use, and console.log) is captured, and process.exitCode is its
 * own; the platform is made after the environment is in place, as an entry makes it; waits are
 * virtual. One run at a time, since nothing else in the worker may see the swapped globals.
 */
async function asItsOwnProcess<P extends Platform>(
  env: Record<string, string>,
  makePlatform: () => P,
  step: Step<P>,
): Promise<{ code: number; stdout: string }> {
  if (running) throw new Error('in-process runs: one at a time (they swap process.env)');
  const { runStep } = await import('../../src/steps/run.js');
  running = true;
  const saved = {
    env: process.env,
    write: process.stdout.write,
    log: console.log,
    exitCode: process.exitCode,
  };
  let stdout = '';
  process.env = env;
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  console.log = (...args: unknown[]) => void (stdout += `${format(...args)}\n`);
  const clock = virtualClock();
  try {
    await runStep(makePlatform(), (p, rt) =>
      step(p, { ...rt, now: clock.now, sleep: clock.sleep }),
    );
    return { code: process.exitCode === undefined ? 0 : Number(process.exitCode), stdout };
  } finally {
    process.env = saved.env;
    process.stdout.write = saved.write;
    console.log = saved.log;
    process.exitCode = saved.exitCode;
    running = false;
  }
}

/**
 * A GitHub step in process, as its bundle's entry runs it: the real adapter (githubPlatform and
 * @actions/core's command module) over the runner's environment and file command files
 * (prepareRun, as runGithub gives them), run as its own process would (asItsOwnProcess); the
 * result is runGithub's, read by the same `finish`. What it cannot show stays spawned: the
 * bundle itself, exit and signal handling, standard error, and what Node's own modules read
 * from the real environment (os.tmpdir()'s TMPDIR, NODE_EXTRA_CA_CERTS at start-up).
 */
export async function runGithubInProcess(
  bundle: keyof typeof ENTRIES,
  inputs: Record<string, string>,
  opts: { action?: string; state?: Record<string, string>; env?: Record<string, string> } = {},
): Promise<import('./github.js').GithubRun> {
  // One import after another: Jest's ES module loader can fail ("request for 'node:fs' is not
  // in cache") when several dynamic imports that share modules are linked at once.
  const { step, options } = await ENTRIES[bundle]();
  const { githubPlatform } = await import('../../src/platform/github.js');
  const { loadSummary } = await import('../../src/platform/actions-core.js');
  const { finish, prepareRun } = await import('./github.js');
  const { dir, env } = prepareRun(inputs, opts);
  // The library's summary writer keeps the first file it was given: a new run, a new file.
  ((await loadSummary()) as unknown as { _filePath?: string })._filePath = undefined;
  const { code, stdout } = await asItsOwnProcess(env, () => githubPlatform(env, options), step);
  return finish(dir, code, null, stdout, '');
}

/** The maintenance task's adapter options, main and post-job alike (src/entries/azure). */
const MAINTENANCE_TASK = {
  connectionInput: 'connection',
  providerConnections: { 'pagerduty-': 'pagerduty-connection' },
};

/** Each Azure DevOps task bundle's entry, as src/entries/azure/*.ts builds it. */
const AZURE_ENTRIES = {
  'OAuthTokenV1/main': async () => ({
    step: (await import('../../src/steps/token.js')).tokenMain,
    options: {
      connectionInput: 'connection',
      secretStores: () => import('../../src/platform/azure-variable-group.js'),
    },
  }),
  'OAuthTokenV1/post': async () => ({
    step: (await import('../../src/steps/token-post.js')).tokenPost,
    options: { connectionInput: 'connection' },
  }),
  'Site24x7MaintenanceV1/main': async () => ({
    step: (await import('../../src/steps/maintenance.js')).maintenanceMain,
    options: MAINTENANCE_TASK,
  }),
  'Site24x7MaintenanceV1/post': async () => ({
    step: (await import('../../src/steps/maintenance.js')).maintenancePost,
    options: MAINTENANCE_TASK,
  }),
};

/**
 * An Azure DevOps task in process, as its bundle's entry runs it: the real adapter
 * (azurePlatform over azure-pipelines-task-lib, which loads the agent's data from the
 * environment when the adapter is made) over the agent's environment and temporary folder
 * (prepareAzureRun, as runAzure gives them), run as its own process would (asItsOwnProcess);
 * the result is runAzure's, read by the same `finishAzure`, agent problems checked as there.
 * What stays spawned is what runGithubInProcess says, and Windows.
 */
export async function runAzureInProcess(
  task: string,
  bundle: 'main' | 'post',
  inputs: Record<string, string>,
  opts: Omit<import('./azure.js').AzureRunOptions, 'node' | 'signalAt' | 'windows'> = {},
): Promise<import('./azure.js').AzureRun> {
  const entry = AZURE_ENTRIES[`${task}/${bundle}` as keyof typeof AZURE_ENTRIES];
  if (!entry) throw new Error(`runAzureInProcess: no entry for ${task}/${bundle}`);
  // One import after another (see runGithubInProcess).
  const { step, options } = await entry();
  const { azurePlatform } = await import('../../src/platform/azure.js');
  const { finishAzure, prepareAzureRun } = await import('./azure.js');
  const { dir, env } = prepareAzureRun(task, inputs, opts);
  // A copy: task-lib deletes from the environment the secrets it takes into its vault.
  const { code, stdout } = await asItsOwnProcess({ ...env }, () => azurePlatform(options), step);
  return finishAzure(dir, code, stdout, '', opts);
}
