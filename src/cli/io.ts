/**
 * The command line's terminal: where it reads and writes, the hidden prompt for --stdin, and
 * running the command of `maintenance run`. Terminal I/O, not the platform adapter's
 * (platform/cli.ts), which only needs a line writer.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { runnerSafe } from '../core/text.js';

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

async function runCommand(
  argv: string[],
  env: Record<string, string>,
  signal?: AbortSignal,
  stdoutToStderr = false,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  // Read when a command is run (maintenance run), not at every start: it loads child_process.
  const { default: spawn } = await import('cross-spawn');
  return new Promise((resolve) => {
    // The environment is the caller's whole (commandEnv): nothing of process.env is added.
    // cross-spawn: on Windows, Node refuses to spawn a .cmd or .bat without a shell (EINVAL,
    // since CVE-2024-27980), and a shell needs cmd.exe's quoting; cross-spawn resolves the
    // command through PATHEXT and quotes for cmd.exe. Elsewhere it is plain spawn.
    let child: ChildProcess;
    try {
      child = spawn(argv[0]!, argv.slice(1), {
        stdio: stdoutToStderr ? ['inherit', 2, 'inherit'] : 'inherit',
        env,
      });
    } catch (e) {
      // A command that cannot even be started still lets the caller end its window.
      const code = (e as NodeJS.ErrnoException).code;
      errLine(`error: could not run ${argv[0]}: ${code ?? String(e)}`);
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
      errLine(`error: could not run ${argv[0]}: ${e.code ?? e.message}`);
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
 * How the command line writes a line to a stream: through `runnerSafe()` (the command line also
 * runs in pipelines, and terminals honour escape sequences), then a newline.
 */
export const lineWriter =
  (write: (text: string) => unknown) =>
  (line: string): void =>
    void write(`${runnerSafe(line)}\n`);

/** Standard error, a line at a time: processIo's err, and runCommand's own failures. */
const errLine = lineWriter((s) => process.stderr.write(s));

/**
 * The process's own streams, each line through lineWriter; secrets are replaced before that, by
 * the platform's writer, except where the user asked to see the token (--show-token).
 */
export function processIo(): Io {
  return {
    out: lineWriter((s) => process.stdout.write(s)),
    err: errLine,
    env: process.env,
    stdin: () => readFileSync(0, 'utf8'),
    isTTY: Boolean(process.stdin.isTTY),
    prompt: hiddenPrompt,
    run: runCommand,
  };
}
