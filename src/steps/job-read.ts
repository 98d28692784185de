/**
 * The job token command, `oauth-token-job`: an access token valid now, for any later step of
 * the job whose token step made the source (core/job/source.ts, steps/job-token.ts). In the
 * spirit of AWS's credential_process: it mints only when asked and only when the kept token is
 * near its end, so nothing runs between steps and nothing outlives the job.
 *
 *   oauth-token-job [--min-seconds N] [--format token|authorization|json] [--source DIR]
 *
 * Standard output carries the token and nothing else (`TOKEN=$(oauth-token-job)`); everything
 * the platform writes (masks first, log lines, errors) goes to standard error, where both
 * runners read their commands from a script's output too. A mint replays the token step:
 * its environment restored, the same adapter and the same input rules (openTokenStep), the
 * machine lock and the retry and throttle rules (fetchToken), a new CI token per attempt when
 * keyless, and write-back of a rotated refresh token: the successor is kept in the source
 * first, then stored in the CI secret store, and only then is the token handed out.
 */
import {
  JOB_SOURCE_ENV,
  type JobSource,
  readSource,
  readToken,
  writeSource,
  writeToken,
} from '../core/job/source.js';
import { StepError } from '../core/errors.js';
import type { CachedToken } from '../core/token-cache.js';
import { toCached, usable } from '../core/token-cache.js';
import { fetchToken } from '../core/oauth/token.js';
import type { Runtime } from '../core/runtime.js';
import { formatSeconds, t } from '../core/text.js';
import type { Platform } from '../platform/types.js';
import { maskToken } from './mask.js';
import { runStep } from './run.js';
import { ciTokenSource, openTokenStep, preflight } from './token.js';
import { parseWriteBack } from './writeback.js';

export type Format = 'token' | 'authorization' | 'json';

export interface ReadOptions {
  source: string;
  minSeconds: number;
  format: Format;
  /**
   * The expiry (epoch ms) of a token an API refused: when the kept token is still that one, a
   * new one is minted whatever its expiry says. Another reader that replaced it already is
   * enough: its token is handed out.
   */
  replace?: number;
}

const USAGE =
  'usage: oauth-token-job [--min-seconds N] [--format token|authorization|json] [--replace EXPIRES_AT] [--source DIR]';

/** The command's arguments; throws a usage error that names the argument and the fix. */
export function parseReadArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ReadOptions {
  const opts: ReadOptions = { source: env[JOB_SOURCE_ENV] ?? '', minSeconds: 0, format: 'token' };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(t`${name} needs a value. ${USAGE}`);
      return v;
    };
    if (name === '--source') opts.source = value();
    else if (name === '--min-seconds') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) > 86_400) {
        throw new Error(t`--min-seconds has the value '${v}': give whole seconds from 0 to 86400.`);
      }
      opts.minSeconds = Number(v);
    } else if (name === '--format') {
      const v = value();
      if (v !== 'token' && v !== 'authorization' && v !== 'json') {
        throw new Error(t`--format has the value '${v}': use token, authorization or json.`);
      }
      opts.format = v;
    } else if (name === '--replace') {
      const v = value();
      const at = Date.parse(v);
      if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v) || Number.isNaN(at)) {
        throw new Error(
          t`--replace has the value '${v}': give the expires_at of the refused token, as --format json printed it.`,
        );
      }
      opts.replace = at;
    } else if (name === '--help' || name === '-h') {
      throw new Error(USAGE);
    } else {
      throw new Error(t`Unknown argument '${name}'. ${USAGE}`);
    }
  }
  if (!opts.source) {
    throw new Error(
      t`No job token source: ${JOB_SOURCE_ENV} is not set. Set job-token to true on the token step of this job, then run this command in a later step of the same job.`,
    );
  }
  return opts;
}

/** What the command prints: one line, the token in the asked form. */
export function formatToken(token: CachedToken, format: Format, now: number): string {
  if (format === 'token') return token.accessToken;
  if (format === 'authorization') return token.authorization;
  return JSON.stringify({
    access_token: token.accessToken,
    token_type: token.tokenType,
    authorization: token.authorization,
    expires_at: new Date(token.expiresAt).toISOString(),
    expires_in: Math.max(0, Math.floor((token.expiresAt - now) / 1000)),
    scope: token.scope,
    ...(token.apiDomain ? { api_domain: token.apiDomain } : {}),
  });
}

/** The platform as the token step saw it, with a rotated refresh token's successor in place. */
function withRefreshToken(p: Platform, successor: string | undefined): Platform {
  if (!successor) return p;
  return { ...p, get: (key) => (key === 'refresh-token' ? successor : p.get(key)) };
}

/**
 * The command as an entry runs it, over the streams the entry split (platform/job-streams.ts):
 * arguments read, the source checked and its environment restored before the platform adapter
 * loads (Azure's reads its environment when it loads), then the read as a step (signals, one
 * failure path).
 */
export async function jobTokenCommand(
  platform: 'github' | 'azure',
  streams: { print(line: string): void; say(message: string): void },
  makePlatform: () => Promise<Platform>,
): Promise<void> {
  const fail = (message: string, code = 1) => {
    streams.say(message);
    process.exitCode = code;
  };
  let opts: ReadOptions;
  try {
    opts = parseReadArgs(process.argv.slice(2), process.env);
  } catch (e) {
    return fail((e as Error).message, 2);
  }
  const first = readSource(opts.source);
  if ('problem' in first) return fail(t`${first.problem}.`);
  if (first.source.platform !== platform) {
    return fail(t`${opts.source} was made on ${first.source.platform}, not ${platform}.`);
  }
  for (const [k, v] of Object.entries(first.source.env)) process.env[k] = v;
  const p = await makePlatform();
  await runStep(p, (pp, rt) => readJobToken(pp, rt, opts, streams.print));
}

/** Inside the source's lock: the kept token while it lasts, otherwise a mint that keeps all. */
export async function readJobToken(
  p: Platform,
  rt: Runtime,
  opts: ReadOptions,
  print: (line: string) => void,
): Promise<void> {
  const dir = opts.source;
  const read = (): JobSource => {
    const got = readSource(dir);
    if ('problem' in got) throw new StepError('input', t`${got.problem}.`);
    return got.source;
  };
  // The settings, checked before the lock (an input error is said at once), and its limits.
  const limits = openTokenStep(withRefreshToken(p, read().refreshToken)).cfg;
  const locked = rt.exclusive
    ? <T>(fn: () => Promise<T>) =>
        rt.exclusive!(
          `job-source\n${dir}`,
          {
            what: 'a token from the same job token source',
            maxWaitMs: limits.budgetMs + 2 * limits.timeoutMs,
            staleMs: limits.budgetMs + 3 * limits.timeoutMs,
          },
          fn,
        )
    : <T>(fn: () => Promise<T>) => fn();
  await locked(async () => {
    // Read again inside the lock: another reader may have minted or rotated meanwhile.
    const now = read();
    const current = withRefreshToken(p, now.refreshToken);
    // Parsed again from the source as it is now: a mint must spend the newest successor, never
    // the one read before another reader rotated it.
    const { inputs, cfg } = openTokenStep(current);
    const kept = readToken(dir);
    const refused = kept !== undefined && opts.replace === kept.expiresAt;
    const fresh = kept && !refused && usable(kept, rt.now(), opts.minSeconds);
    if (refused) {
      current.log.info('Job token: the kept access token was refused; minting a new one.');
    }
    // The write-back store only when something is to be stored or spent.
    const store =
      fresh && !now.pendingWriteBack ? undefined : await parseWriteBack(current, inputs, cfg, rt);
    if (now.pendingWriteBack && now.refreshToken && store) {
      // A successor an earlier read could not store: stored first, before anything else.
      await store.write(now.refreshToken);
      now.pendingWriteBack = false;
      writeSource(dir, now);
      current.log.info(
        t`Write-back: stored the refresh token an earlier read kept, in the ${store.where}.`,
      );
    }
    if (fresh) {
      print(formatToken(kept, opts.format, rt.now()));
      return;
    }
    if (store) await preflight(current, store);
    let successor: string | undefined;
    const token = await fetchToken(cfg, rt, {
      ciToken: await ciTokenSource(current, rt, cfg),
      onSecret: (s) => current.setSecret(s),
      assertions: () => import('../core/oauth/assertion.js'),
      onRotated: (r) => {
        // Kept in the source the moment the server answers: the old one may be dead now.
        current.setSecret(r);
        successor = r;
        writeSource(dir, { ...now, refreshToken: r, pendingWriteBack: !!store });
      },
    });
    maskToken(current, token);
    if (successor && store) {
      try {
        await store.write(successor);
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        throw new StepError(
          e instanceof StepError ? e.kind : 'server',
          t`The server rotated the refresh token, and storing the new one in the ${store.where} failed: ${why} The new one is kept in the job token source, and the next read of this job stores it first; if the job ends before that, store it by hand (${store.byHand}) from a step that runs oauth-token-job again.`,
          e instanceof StepError ? e.facts : {},
        );
      }
      writeSource(dir, { ...now, refreshToken: successor, pendingWriteBack: false });
      current.log.info(
        t`Write-back: the server rotated the refresh token; the new one is stored in the ${store.where}.`,
      );
    }
    for (const note of token.notes) current.log.info(note);
    for (const warning of token.warnings) current.log.warning(warning);
    const keep = toCached(token, rt.now());
    if (!keep) {
      throw new StepError(
        'protocol',
        t`${cfg.provider.title} gave the token no expiry (expires_in), so the job token source cannot tell when to mint again. Use the token step's outputs instead of job-token with this server.`,
      );
    }
    writeToken(dir, keep);
    if (!usable(keep, rt.now(), opts.minSeconds)) {
      current.log.warning(
        t`The new token lives ${formatSeconds(keep.expiresAt - keep.mintedAt)}, less than --min-seconds ${opts.minSeconds} asks for: it is handed out as it is.`,
      );
    }
    current.log.info(
      t`Job token: minted a new access token, valid until ${new Date(keep.expiresAt).toISOString().replace(/\.\d+Z$/, 'Z')}.`,
    );
    print(formatToken(keep, opts.format, rt.now()));
  });
}
