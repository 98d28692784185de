/**
 * The command-line adapter: the same steps, run on a workstation. Inputs come from flags (and
 * `OAUTH_<NAME>` environment variables); secrets only from the environment or stdin, never from
 * arguments (process lists and shell history keep those). Logs go to stderr, results to stdout,
 * with every registered secret replaced by `***`.
 */
import spawn from 'cross-spawn';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { type ErrorKind, StepError } from '../core/errors.js';
import { SECRET_ENV } from '../core/secret-inputs.js';
import { runnerSafe } from '../core/text.js';
import { envProxyAgent } from './proxy-env.js';
import { SecretRegistry } from './secrets.js';
import type { Platform } from './types.js';

/** Inputs that hold secrets, and the environment variable each is read from (one table). */
export { SECRET_ENV };

export const envName = (key: string) =>
  SECRET_ENV[key] ?? `OAUTH_${key.replace(/-/g, '_').toUpperCase()}`;

export interface CliPlatform extends Platform {
  readonly outputs: Map<string, { value: string; secret: boolean }>;
  failed: string | undefined;
  failedKind: ErrorKind | undefined;
  /** The exit status a command chose for itself (maintenance run: the wrapped command's). */
  exitCode?: number;
  /** Secret outputs a command has printed itself (`token --json --show-token`). */
  readonly shown: Set<string>;
  redact(text: string): string;
  /** The writer: secrets replaced, runner commands and terminal escapes defused. */
  clean(text: string): string;
}

export function cliPlatform(
  flags: Record<string, string>,
  stdinSecrets: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
  err: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): CliPlatform {
  const secrets = new SecretRegistry();
  const outputs = new Map<string, { value: string; secret: boolean }>();
  const state = new Map<string, string>();
  const say = (prefix: string) => (m: string) => err(`${prefix}${secrets.clean(m)}`);
  const debug = env.OAUTH_DEBUG === '1' || env.OAUTH_DEBUG === 'true';
  const platform: CliPlatform = {
    id: 'cli',
    outputs,
    shown: new Set(),
    failed: undefined,
    failedKind: undefined,
    get(key) {
      if (key in SECRET_ENV) return stdinSecrets[key] ?? env[SECRET_ENV[key]!] ?? '';
      return flags[key] ?? env[envName(key)] ?? '';
    },
    label: (key) => (key in SECRET_ENV ? `${key} (${SECRET_ENV[key]})` : `--${key}`),
    waitsOutThrottle: false,
    wording: {
      subject: (key) =>
        key in SECRET_ENV ? `${SECRET_ENV[key]} (${key}= with --stdin)` : `Option --${key}`,
      secretSource: 'in the environment, or with --stdin',
      tokenSource: 'in OAUTH_ACCESS_TOKEN (oauth-token token --token-only prints one, alone)',
      self: 'this command',
      endLater: (endsAt, id) =>
        `It ends at ${endsAt}, or end it with: oauth-token site24x7 maintenance end --maintenance-id ${id}.`,
      windowIdSource:
        'the id maintenance start printed (oauth-token site24x7 maintenance list shows the windows this tool opened)',
      howToEnd: 'oauth-token site24x7 maintenance end --maintenance-id ID',
      reuseToken:
        'mint one and reuse it while it lasts: export OAUTH_ACCESS_TOKEN="$(oauth-token token --token-only ...)", and the site24x7 commands mint none',
    },
    log: {
      debug: (m) => (debug ? say('debug: ')(m) : undefined),
      info: say(''),
      notice: say('note: '),
      warning: say('warning: '),
    },
    setSecret: (v) => void secrets.add(v),
    outputName: (key) => `the ${key.replace(/-/g, '_')} field of --json --show-token`,
    setOutput: (key, value, o) => void outputs.set(key, { value, secret: o?.secret ?? false }),
    exportVariable: () => undefined,
    saveState: (k, v) => void state.set(k, v),
    getState: (k) => state.get(k) ?? '',
    writeSummary: async () => undefined,
    fail(m, kind) {
      platform.failed = secrets.clean(m);
      platform.failedKind = kind;
    },
    requestIdToken: () =>
      Promise.reject(
        new StepError(
          'input',
          "Federated authentication uses the CI platform's own OIDC token: it works in GitHub Actions and Azure Pipelines, not on a workstation.",
        ),
      ),
    transport: () => ({
      agentFor: (url) => envProxyAgent(url, (v) => void secrets.add(v)),
    }),
    // Who opened a window from where, as a person reads it in the Site24x7 console:
    // "Deployment: alice@build-01" (USERNAME on Windows).
    runInfo: () => {
      const user = env.USER || env.USERNAME;
      return { source: user ? `${user}@${hostname()}` : hostname() };
    },
    redact: (text) => secrets.redact(text),
    clean: (text) => secrets.clean(text),
  };
  return platform;
}

/** Where the command line reads and writes. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  stdin(): string;
  /** Standard input is a terminal: --stdin asks for each secret instead of reading lines. */
  isTTY?: boolean;
  /**
   * Set with --json only: add fields to the one JSON object the command prints when it ends,
   * failures included (main.ts prints it). The keys in `secret` are printed as they are (the
   * command was asked to show them); every other string is redacted.
   */
  json?(fields: Record<string, unknown>, secret?: readonly string[]): void;
  /**
   * Ask on the terminal for one value without echoing it. Resolves to undefined when the user
   * presses Ctrl-C (or gives no answer within PROMPT_TIMEOUT_MS).
   */
  prompt?(question: string): Promise<string | undefined>;
  /**
   * Run a command with this process's terminal and exactly the environment `env`. When `signal`
   * aborts (Ctrl-C, SIGTERM), the command gets that signal too (after a second, unless it has
   * exited: on a terminal it got Ctrl-C itself), and SIGKILL after COMMAND_KILL_MS. With
   * `stdoutToStderr` the command writes to this process's stderr, leaving stdout to the one
   * JSON object of a --json run.
   */
  run?(
    argv: string[],
    env: Record<string, string>,
    signal?: AbortSignal,
    stdoutToStderr?: boolean,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const COMMAND_KILL_MS = 30_000;

function runCommand(
  argv: string[],
  env: Record<string, string>,
  signal?: AbortSignal,
  stdoutToStderr = false,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    // The environment is the caller's whole (commandEnv): nothing of process.env is added.
    // cross-spawn: on Windows, Node refuses to spawn a .cmd or .bat without a shell (EINVAL,
    // since CVE-2024-27980), and a shell needs cmd.exe's quoting; cross-spawn resolves the
    // command through PATHEXT and quotes for cmd.exe. Elsewhere it is plain spawn.
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(argv[0]!, argv.slice(1), {
        stdio: stdoutToStderr ? ['inherit', 2, 'inherit'] : 'inherit',
        env,
      });
    } catch (e) {
      // A command that cannot even be started still lets the caller end its window.
      const code = (e as NodeJS.ErrnoException).code;
      process.stderr.write(
        `${runnerSafe(`error: could not run ${argv[0]}: ${code ?? String(e)}`)}\n`,
      );
      resolve({ code: 126, signal: null });
      return;
    }
    const running = () => child.exitCode === null && child.signalCode === null;
    const timers: NodeJS.Timeout[] = [];
    const onAbort = () => {
      const sig = (signal?.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT') as NodeJS.Signals;
      timers.push(setTimeout(() => running() && child.kill(sig), 1000));
      timers.push(setTimeout(() => running() && child.kill('SIGKILL'), COMMAND_KILL_MS));
      // Every further signal goes straight to the command (runStep keeps its handlers, so a
      // second Ctrl-C never kills this process while the window is still open).
      process.on('SIGINT', forward);
      process.on('SIGTERM', forward);
    };
    const forward = (sig: NodeJS.Signals) => void (running() && child.kill(sig));
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (r: { code: number | null; signal: NodeJS.Signals | null }) => {
      for (const tm of timers) clearTimeout(tm);
      signal?.removeEventListener('abort', onAbort);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(r);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      process.stderr.write(
        `${runnerSafe(`error: could not run ${argv[0]}: ${e.code ?? e.message}`)}\n`,
      );
      done({ code: e.code === 'ENOENT' ? 127 : 126, signal: null });
    });
    child.on('close', (code, sig) => done({ code, signal: sig }));
  });
}

export const PROMPT_TIMEOUT_MS = 10 * 60_000;

/** Read one line from a terminal in raw mode: nothing typed is echoed. */
function hiddenPrompt(question: string): Promise<string | undefined> {
  const stdin = process.stdin;
  return new Promise((resolve) => {
    let value = '';
    let escape = false;
    const finish = (v: string | undefined) => {
      clearTimeout(timer);
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      resolve(v);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (escape) {
          // Skip a terminal escape sequence (arrow keys and the like) up to its final letter.
          if (/[A-Za-z~]/.test(ch)) escape = false;
          continue;
        }
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(value);
        if (ch === '\u0003') return finish(undefined);
        if (ch === '\u001b') escape = true;
        else if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    const timer = setTimeout(() => finish(undefined), PROMPT_TIMEOUT_MS);
    // Echo off before the question shows: whatever is typed (or pasted) once it is visible
    // must not reach the screen.
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.resume();
    process.stderr.write(runnerSafe(question));
  });
}

/**
 * The process's own streams. Every line passes `runnerSafe()` (the command line also runs in
 * pipelines, and terminals honour escape sequences); secrets are replaced before that, by the
 * platform's writer, except where the user asked to see the token (--show-token).
 */
export function processIo(): Io {
  return {
    out: (l) => process.stdout.write(`${runnerSafe(l)}\n`),
    err: (l) => process.stderr.write(`${runnerSafe(l)}\n`),
    env: process.env,
    stdin: () => readFileSync(0, 'utf8'),
    isTTY: Boolean(process.stdin.isTTY),
    prompt: hiddenPrompt,
    run: runCommand,
  };
}
