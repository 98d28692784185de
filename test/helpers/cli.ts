/** Runs the built command line as a child process, with a clean environment and stdin. */
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
  /** Send `signal` to the command line once its stderr includes `when`. */
  signalWhen?: { when: string; signal: NodeJS.Signals };
}

export function cli(
  args: string[],
  env: Record<string, string> = {},
  stdin = '',
  opts: CliOptions = {},
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
