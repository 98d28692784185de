/**
 * A step run in this process: the real step code, the real HTTP transport to the same loopback
 * servers, inputs named and defaulted as each platform's runner gives them (action.yml defaults
 * and kebab-case names on GitHub, task.json defaults and camelCase on Azure DevOps), every log
 * line through the adapters' writer (SecretRegistry.clean). What it does not run is the bundle:
 * the runner protocol, masking commands and exit codes are the spawned tests' business.
 *
 * Waits are virtual: `sleep` returns at once and moves the clock on, so retry policy (back-off,
 * Retry-After, budgets) is exercised exactly, without the wall-clock time. Per-attempt timeouts
 * stay real (they are the transport's own timers).
 */
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
  /** State this run saved for the post step. */
  state: Record<string, string>;
  /** Every line written, with the secrets registered so far left in (for leak scans). */
  everything: string;
  /** Virtual milliseconds the step waited. */
  waitedMs: number;
  /** The step summary it wrote (Markdown, cleaned as the adapters clean it). */
  summary: string;
  /** The log entries in order, each whole: its level ('' for info) and text. */
  entries: Array<{ kind: string; text: string }>;
}

const camel = (k: string) => k.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export async function runInProcess(
  platform: 'github' | 'azure',
  step: Step,
  defaults: { action: string; task: string },
  inputs: Record<string, string>,
  /** Wraps the platform the step sees (fault injection). */
  wrap: (p: Platform) => Platform = (p) => p,
  /** State saved by an earlier step (a post step's input). */
  saved: Record<string, string> = {},
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
  // What this run saves (the runner's state file for the post step), over what it was given.
  const state = new Map<string, string>();
  let summary = '';
  const secrets = new SecretRegistry();
  let failed: string | undefined;
  /** Each log entry whole (a message may have several lines), for runGithubInProcess. */
  const entries: Array<{ kind: string; text: string }> = [];
  const write = (prefix: string) => (m: string) => {
    lines.push(`${prefix}${m}`);
    entries.push({ kind: prefix.replace(/: $/, ''), text: m });
  };
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
    getState: (k) => state.get(k) ?? saved[k] ?? '',
    writeSummary: async (md) => {
      lines.push(secrets.clean(md));
      summary += `${secrets.clean(md)}\n`;
    },
    fail: (m) => {
      failed = secrets.clean(m);
    },
    transport: () => ({}),
    requestIdToken: () =>
      Promise.reject(new StepError('input', 'No OIDC token in the in-process runtime.')),
    runInfo: () => ({ source: 'acme/shop', run: '17' }),
  };
  let offset = 0;
  const rt: Runtime = {
    send: createTransport({}),
    log: p.log,
    now: () => Date.now() + offset,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new StepError('cancelled', 'Cancelled.');
      offset += ms;
    },
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
    waitedMs: offset,
    summary,
    entries,
  };
}

/** The token or maintenance main step in process, with its own action's and task's defaults. */
export async function runMainInProcess(
  platform: 'github' | 'azure',
  step: 'token' | 'maintenance',
  inputs: Record<string, string>,
): Promise<InProcessRun> {
  const [{ tokenMain }, { maintenanceMain }] = await Promise.all([
    import('../../src/steps/token.js'),
    import('../../src/steps/maintenance.js'),
  ]);
  return step === 'token'
    ? runInProcess(platform, tokenMain, { action: 'action.yml', task: 'OAuthTokenV1' }, inputs)
    : runInProcess(
        platform,
        maintenanceMain,
        { action: 'site24x7-maintenance/action.yml', task: 'Site24x7MaintenanceV1' },
        inputs,
      );
}

const STEPS = {
  'dist/main/index.js': async () => (await import('../../src/steps/token.js')).tokenMain,
  'dist/post/index.js': async () => (await import('../../src/steps/token-post.js')).tokenPost,
  'dist/maintenance-main/index.js': async () =>
    (await import('../../src/steps/maintenance.js')).maintenanceMain,
  'dist/maintenance-post/index.js': async () =>
    (await import('../../src/steps/maintenance.js')).maintenancePost,
};

/** The runner's escaping of a command's data (@actions/core's escapeData). */
const escapeData = (s: string) =>
  s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/**
 * A GitHub step in process, its result in runGithub's shape, for tables written against that
 * shape: exit code 0 or 1, log lines as the runner shows them (annotations as `::kind::`
 * commands, the failure as `::error::`), outputs, state, summary. What it cannot show, a
 * table keeps spawned: masks (`::add-mask::`), file command files, the environment and PATH a
 * step hands on, signals, the platform's own services (OIDC, deployments, secret stores).
 * Waits are virtual (runInProcess), so polling and Retry-After cost no wall-clock time.
 */
export async function runGithubInProcess(
  bundle: keyof typeof STEPS,
  inputs: Record<string, string>,
  opts: { action?: string; state?: Record<string, string> } = {},
): Promise<import('./github.js').GithubRun> {
  const step = await STEPS[bundle]();
  const action = opts.action ?? 'action.yml';
  const r = await runInProcess('github', step, { action, task: '' }, inputs, undefined, opts.state);
  const shown = r.entries.map((e) => (e.kind ? `::${e.kind}::${escapeData(e.text)}` : e.text));
  if (!r.ok) shown.push(`::error::${escapeData(r.message)}`);
  const stdout = shown.map((l) => `${l}\n`).join('');
  const commands = [...stdout.matchAll(/^::([a-z-]+)(?: [^:]*)?::(.*?)\r?$/gm)].map((m) => ({
    command: m[1]!,
    value: m[2]!,
  }));
  return {
    code: r.ok ? 0 : 1,
    signal: null,
    stdout,
    stderr: '',
    outputs: r.outputs,
    state: r.state,
    env: {},
    summary: r.summary,
    paths: [],
    dir: '',
    files: {},
    commands,
  };
}
