/**
 * Runs the command line with a clean environment and stdin: its code in this process (main()
 * over an in-memory terminal), or the built bundle as a child process where only a process
 * shows what is tested (signals, `maintenance run`'s command, the bundle itself).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, ROOT } from './github.js';

/**
 * The command line's environment in tests: baseEnv, and a token cache of its own that starts
 * empty (a folder not made until a token is kept), so no run reuses another's token, and none
 * writes to this machine's real cache. Cache tests pass OAUTH_TOKEN_CACHE_DIR themselves.
 */
export function cliEnv(env: Record<string, string> = {}): Record<string, string> {
  return {
    ...baseEnv(),
    OAUTH_TOKEN_CACHE_DIR: join(tmpdir(), `oauth-token-cache-${randomUUID()}`),
    ...env,
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Send `signal` to the command line once its stderr includes `when` (spawned). */
  signalWhen?: { when: string; signal: NodeJS.Signals };
  /** Run the built bundle, dist/cli.js, as a child process. */
  spawned?: boolean;
}

/**
 * The command line, run as the user runs it. In process unless the test needs a process: a
 * signal, a command to run (`maintenance run`, whose command writes to the terminal), or
 * `spawned` (each test file keeps some rows on the built bundle).
 */
export function cli(
  args: string[],
  env: Record<string, string> = {},
  stdin = '',
  opts: CliOptions = {},
): Promise<CliRun> {
  const runsCommand = args.includes('maintenance') && args.includes('run');
  return opts.spawned || opts.signalWhen || runsCommand
    ? spawnCli(args, env, stdin, opts)
    : inProcess(args, env, stdin);
}

/**
 * main() over an in-memory terminal, as processIo() is over the process's own: every line
 * through the same lineWriter, standard input read only when asked, no terminal to prompt on.
 */
async function inProcess(args: string[], env: Record<string, string>, stdin: string) {
  // One after the other: Jest's ES module loader can fail on parallel imports sharing modules.
  const { main } = await import('../../src/cli/main.js');
  const { lineWriter } = await import('../../src/cli/io.js');
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    out: lineWriter((s) => (stdout += s)),
    err: lineWriter((s) => (stderr += s)),
    env: cliEnv(env),
    stdin: () => stdin,
    isTTY: false,
  });
  return { code, stdout, stderr };
}

function spawnCli(
  args: string[],
  env: Record<string, string>,
  stdin: string,
  opts: CliOptions,
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(
      process.env.BUNDLE_NODE ?? process.execPath,
      [join(ROOT, 'dist/cli.js'), ...args],
      {
        env: cliEnv(env),
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    let signalled = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const s = opts.signalWhen;
      if (s && !signalled && stderr.includes(s.when)) {
        signalled = true;
        child.kill(s.signal);
      }
    });
    child.stdin.end(stdin);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The built bundle, dist/cli.js, as a child process: the rows each file keeps spawned. */
export const bundleCli = (args: string[], env: Record<string, string> = {}, stdin = '') =>
  cli(args, env, stdin, { spawned: true });
