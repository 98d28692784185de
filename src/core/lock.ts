/**
 * One token request at a time per OAuth client on a machine. Providers limit tokens per
 * client (Zoho: about 10 per refresh token per 10 minutes); when several jobs on one machine
 * (self-hosted runners, several agents) mint for the same client at once, each refused
 * request only extends the lock-out. With this lock they queue instead: one asks, the others
 * wait without sending, and a run that is told to wait (429, throttle) holds the lock while it
 * waits. On a hosted runner, where every job has its own machine, it costs one mkdir.
 *
 * The lock is a directory in the system temp folder (mkdir is atomic), named by a hash of the
 * token URL and client id (no secret), holding the owner's pid. A lock whose owner is gone
 * (killed) or older than the stale limit is taken over.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  renameSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from './runtime.js';
import { formatSeconds } from './text.js';

export interface LockOptions {
  /** Give up waiting after this long and go ahead without the lock. */
  maxWaitMs: number;
  /** A lock held longer than this is taken over (its owner is stuck). */
  staleMs: number;
  pollMs?: number;
  dir?: string;
  /** What is being waited for, for the log. */
  what: string;
}

export type Exclusive = <T>(key: string, opts: LockOptions, fn: () => Promise<T>) => Promise<T>;

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockPath(key: string, dir = tmpdir()): string {
  const h = createHash('sha256').update(key).digest('hex').slice(0, 20);
  return join(dir, `oauth-token-action-${h}.lock`);
}

/** Try once: true when this process now holds the lock. */
function tryTake(path: string, staleMs: number, now: number): boolean {
  try {
    mkdirSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return true; // cannot lock: go ahead
    let owner: string;
    let since: number;
    try {
      since = statSync(path).mtimeMs;
      owner = readFileSync(join(path, 'owner'), 'utf8');
    } catch {
      // The owner is between mkdir and writing its pid, or just released it: look again.
      return false;
    }
    const stale = now - since >= staleMs;
    // An owner file caught half-written reads as empty: its owner is alive, not gone.
    const pid = /^\d+ /.test(owner) ? Number(owner.split(' ')[0]) : undefined;
    if (!stale && (pid === undefined || alive(pid))) return false;
    rmSync(path, { recursive: true, force: true });
    return tryTake(path, staleMs, now);
  }
  // Written aside and renamed in, so a reader sees no owner file or a whole one.
  writeFileSync(join(path, 'owner.tmp'), `${process.pid} ${now}`);
  renameSync(join(path, 'owner.tmp'), join(path, 'owner'));
  return true;
}

function release(path: string): void {
  try {
    unlinkSync(join(path, 'owner'));
    rmdirSync(path);
  } catch {
    rmSync(path, { recursive: true, force: true });
  }
}

export function machineLock(
  log: Logger,
  now: () => number,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  signal?: AbortSignal,
): Exclusive {
  return async (key, opts, fn) => {
    const path = lockPath(key, opts.dir);
    const started = now();
    let said = false;
    let held = false;
    for (;;) {
      if (tryTake(path, opts.staleMs, now())) {
        held = true;
        break;
      }
      const waited = now() - started;
      if (waited >= opts.maxWaitMs) {
        log.warning(
          `Another run on this machine has been requesting ${opts.what} for ${formatSeconds(waited)}; going ahead without waiting for it.`,
        );
        break;
      }
      if (!said) {
        log.info(
          `Waiting for another run on this machine that is requesting ${opts.what} (one request at a time per client, so a rate limit is not hit harder).`,
        );
        said = true;
      }
      await sleep(opts.pollMs ?? 20, signal);
    }
    if (said && held) log.info(`Done waiting (${formatSeconds(now() - started)}).`);
    try {
      return await fn();
    } finally {
      if (held) release(path);
    }
  };
}
