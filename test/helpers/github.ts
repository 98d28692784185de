/**
 * Runs a built bundle the way the GitHub Actions runner does: inputs as INPUT_* variables
 * (defaults from action.yml filled in, as the runner does), file commands in temporary files,
 * state handed to the post step as STATE_* variables. Returns what the runner would see.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface GithubRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  env: Record<string, string>;
  summary: string;
  /** Folders the step put on PATH for later steps (GITHUB_PATH). */
  paths: string[];
  dir: string;
  /** Every file in the run's temporary folder, by name, with its content. */
  files: Record<string, string>;
  /** `::command::` lines the bundle printed. */
  commands: Array<{ command: string; value: string }>;
}

export interface RunOptions {
  /** action.yml whose defaults to apply (relative to the repo root). */
  action?: string;
  state?: Record<string, string>;
  env?: Record<string, string>;
  /** Send `signal` once `at` resolves (a peer has the request the step waits on: arrival.ts). */
  signalAt?: import('./arrival.js').SignalAt;
  /** Called with the child once it has started. */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
  node?: string;
  /** Run on Node for Windows under Wine (test/helpers/windows.ts), with Windows paths. */
  windows?: boolean;
}

const defaults = new Map<string, Record<string, string>>();

/** The action's input defaults, as the runner fills them in (parsed once per suite). */
export function actionDefaults(action: string): Record<string, string> {
  let out = defaults.get(action);
  if (!out) {
    const doc = parse(readFileSync(join(ROOT, action), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
    };
    out = {};
    for (const [k, v] of Object.entries(doc.inputs)) out[k] = v.default ?? '';
    defaults.set(action, out);
  }
  return { ...out };
}

/** Parse the runner's `name<<DELIM` file-command format (and the older `name=value`). */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  // The runner reads these files line by line: LF, or CRLF as a Windows bundle writes them.
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = /^([^=<]+)<<(.+)$/.exec(line);
    if (m) {
      const [, name, delim] = m;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!);
      out[name!] = value.join('\n');
    } else if (line.includes('=')) {
      const eq = line.indexOf('=');
      out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

export function baseEnv(): Record<string, string> {
  // A clean environment: nothing from jest (NODE_OPTIONS) or this machine (NODE_EXTRA_CA_CERTS),
  // but the run's scratch folder as the temporary folder (test/global-setup.mjs), so what a
  // bundle leaves there (its machine lock) goes when the run ends.
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    LANG: 'C.UTF-8',
    ...(process.env.OAUTH_TEST_RUN_DIR ? { TMPDIR: process.env.OAUTH_TEST_RUN_DIR } : {}),
  };
}

/** The file command files the runner gives a step, by variable, in its temporary folder. */
const RUN_FILES = {
  GITHUB_OUTPUT: 'output',
  GITHUB_STATE: 'state',
  GITHUB_ENV: 'env',
  GITHUB_STEP_SUMMARY: 'summary.md',
  GITHUB_PATH: 'path',
};

/**
 * What the runner gives a step: a temporary folder with the file command files, and the
 * environment (its variables, INPUT_* with action.yml's defaults, STATE_* from the main step).
 */
export function prepareRun(
  inputs: Record<string, string>,
  opts: Pick<RunOptions, 'action' | 'state' | 'env'> = {},
): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'gh-run-'));
  const env: Record<string, string> = {
    ...baseEnv(),
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '17',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: dir,
  };
  for (const [k, f] of Object.entries(RUN_FILES)) {
    writeFileSync(join(dir, f), '');
    env[k] = join(dir, f);
  }
  const all = { ...actionDefaults(opts.action ?? 'action.yml'), ...inputs };
  for (const [k, v] of Object.entries(all)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  for (const [k, v] of Object.entries(opts.state ?? {})) env[`STATE_${k}`] = v;
  Object.assign(env, opts.env ?? {});
  return { dir, env };
}

export async function runGithub(
  bundle: string,
  inputs: Record<string, string>,
  opts: RunOptions = {},
): Promise<GithubRun> {
  const { dir, env } = prepareRun(inputs, opts);

  if (opts.windows) {
    const { runOnWindows } = await import('./windows.js');
    const w = await runOnWindows(bundle, env, dir);
    return finish(dir, w.code, null, w.stdout, w.stderr);
  }
  const child = spawn(
    opts.node ?? process.env.BUNDLE_NODE ?? process.execPath,
    [join(ROOT, bundle)],
    {
      env,
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  opts.onSpawn?.(child);
  void opts.signalAt?.at.then(() => child.kill(opts.signalAt!.signal));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) =>
    child.on('close', (c, s) => r([c, s])),
  );
  return finish(dir, code, signal, stdout, stderr);
}

/** What the runner reads after a step: its exit, output and file commands. */
export function finish(
  dir: string,
  code: number | null,
  signal: NodeJS.Signals | null,
  stdout: string,
  stderr: string,
): GithubRun {
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const allFiles: Record<string, string> = {};
  // Files only: a folder the step made there (the job token source) is the test's to inspect.
  for (const f of readdirSync(dir, { withFileTypes: true }))
    if (f.isFile()) allFiles[f.name] = read(f.name);
  const commands = [...stdout.matchAll(/^::([a-z-]+)(?: [^:]*)?::(.*?)\r?$/gm)].map((m) => ({
    command: m[1]!,
    value: m[2]!,
  }));
  return {
    code,
    signal,
    stdout,
    stderr,
    outputs: parseFileCommands(read(RUN_FILES.GITHUB_OUTPUT)),
    state: parseFileCommands(read(RUN_FILES.GITHUB_STATE)),
    env: parseFileCommands(read(RUN_FILES.GITHUB_ENV)),
    summary: read(RUN_FILES.GITHUB_STEP_SUMMARY),
    paths: read(RUN_FILES.GITHUB_PATH).split(/\r?\n/).filter(Boolean),
    dir,
    files: allFiles,
    commands,
  };
}

/** The runner's unescaping of a command value (`%25`, `%0D`, `%0A`). */
export function unescapeCommand(v: string): string {
  return v.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
