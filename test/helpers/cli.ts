/** Runs the built command line as a child process, with a clean environment and stdin. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { baseEnv, ROOT } from './github.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(
      process.env.BUNDLE_NODE ?? process.execPath,
      [join(ROOT, 'dist/cli.js'), ...args],
      {
        env: { ...baseEnv(), ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(stdin);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
