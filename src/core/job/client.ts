/**
 * A step that needs a token valid now from the job token source (core/job/source.ts): the
 * maintenance step at start and in its post step, so a window opened at the start of a
 * two-hour job is closed at its end with a token that works. It runs the job token command as
 * a child process, as a script would, with `--format json`, and is given no secret: the child
 * replays the token step from the source, and this process keeps only the token it prints.
 */
import { spawn } from 'node:child_process';
import { COMMAND_FILE, JOB_SOURCE_ENV } from './source.js';
import { readPrivateFile } from '../private-files.js';
import { StepError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { formatSeconds, oneLine, t } from '../text.js';

export interface JobToken {
  accessToken: string;
  authorization: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** The source this job's token step left, from the environment it exported. */
export function jobSourceDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[JOB_SOURCE_ENV] || undefined;
}

/**
 * What the child is given: the runner's and the system's plain settings. Never a step's inputs
 * or state, a connection, a secret variable or a token (the child reads its own from the
 * source).
 */
const PASS =
  /^(PATH|PATHEXT|HOME|USERPROFILE|SYSTEMROOT|SYSTEMDRIVE|COMSPEC|WINDIR|TEMP|TMP|TMPDIR|LANG|LC_[A-Z]+|TZ|HTTPS?_PROXY|NO_PROXY|GITHUB_(API_URL|SERVER_URL|REPOSITORY|RUN_ID|ACTIONS)|RUNNER_[A-Z_]+|AGENT_[A-Z_]+|SYSTEM_(COLLECTIONURI|TEAMPROJECTID|OIDCREQUESTURI)|TF_BUILD)$/i;

export function childEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && PASS.test(e[0]),
    ),
  );
}

/** The command's node and reader, as the token step wrote them into the source. */
function command(dir: string): { node: string; reader: string } {
  const got = readPrivateFile(dir, COMMAND_FILE);
  const fail = (why: string) =>
    new StepError(
      'input',
      t`The job token source ${dir} ${why}: a later step of the job whose token step has job-token set to true gets its token from it.`,
    );
  if ('missing' in got) throw fail('does not exist (any more)');
  if ('refused' in got) throw fail(got.why);
  const v = JSON.parse(got.text) as { node?: unknown; reader?: unknown };
  if (typeof v.node !== 'string' || typeof v.reader !== 'string') throw fail('is damaged');
  return { node: v.node, reader: v.reader };
}

/**
 * A token valid for at least `minSeconds` more, from the job token source. `onLine` gets each
 * line the command wrote to standard error (its log, for the debug log); `onSecret` registers
 * the token before anything else sees it.
 */
export async function tokenFromJob(
  dir: string,
  rt: Runtime,
  opts: {
    minSeconds: number;
    /** The expiry of a token an API refused: the source mints anew if it still keeps that one. */
    replace?: number;
    /** How long the command may take, a mint's retries included. */
    limitMs: number;
    onSecret(value: string): void;
    onLine(line: string): void;
  },
): Promise<JobToken> {
  const { node, reader } = command(dir);
  const child = spawn(
    node,
    [
      reader,
      '--source',
      dir,
      '--format',
      'json',
      '--min-seconds',
      String(opts.minSeconds),
      ...(opts.replace === undefined ? [] : ['--replace', new Date(opts.replace).toISOString()]),
    ],
    { env: childEnv(process.env), stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const stop = () => child.kill();
  const timer = setTimeout(stop, opts.limitMs);
  rt.signal?.addEventListener('abort', stop, { once: true });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  }).finally(() => {
    clearTimeout(timer);
    rt.signal?.removeEventListener('abort', stop);
  });
  // Its log lines are redacted by the command itself, and are data all the same. Its mask
  // commands carry the very secrets they register (the source's client secret, refresh token):
  // they are for its own runner stream, never to be passed on.
  const lines = err
    .split(/\r?\n/)
    .filter((l) => l && !/^(::add-mask::|##vso\[task\.setsecret\])/.test(l));
  let token: JobToken | undefined;
  try {
    const v = JSON.parse(out) as Record<string, unknown>;
    if (typeof v.access_token === 'string' && typeof v.authorization === 'string') {
      token = {
        accessToken: v.access_token,
        authorization: v.authorization,
        expiresAt: Date.parse(String(v.expires_at)),
      };
    }
  } catch {
    /* said below */
  }
  if (token) {
    opts.onSecret(token.accessToken);
    opts.onSecret(token.authorization);
  }
  for (const line of lines) opts.onLine(line);
  if (rt.signal?.aborted) {
    throw new StepError('cancelled', 'Cancelled while asking the job token source for a token.');
  }
  if (code !== 0 || !token || !Number.isFinite(token.expiresAt)) {
    // Its last word, without the runner command it was wrapped in (an error annotation).
    const last = lines
      .map((l) => l.replace(/^::[a-z-]+(?: [^:]*)?::/, '').replace(/^##vso\[[^\]]*\]/, ''))
      .pop();
    throw new StepError(
      code === null ? 'network' : 'auth',
      code === null
        ? t`The job token command did not answer within ${formatSeconds(opts.limitMs)}.`
        : t`The job token command failed (exit code ${code}): ${oneLine(last ?? 'no message')}`,
    );
  }
  return token;
}
