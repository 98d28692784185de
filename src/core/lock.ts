/**
 * One token request at a time per OAuth client on a machine. Providers limit tokens per
 * client (Zoho: about 10 per refresh token per 10 minutes); when several jobs on one machine
 * (self-hosted runners, several agents) mint for the same client at once, each refused
 * request only extends the lock-out. With this lock they queue instead: one asks, the others
 * wait without sending, and a run that is told to wait (429, throttle) holds the lock while it
 * waits. On a hosted runner, where every job has its own machine, it costs one mkdir.
 *
 * The lock is a directory (mkdir is atomic), named by a hash of the token URL and client id
 * (no secret: the hash only makes a file name, so it is FNV-1a, not a cryptographic hash, and a
 * plain mint never loads node:crypto, ~2 ms of every run), holding the owner's pid, inside a
 * folder that belongs to the user running the step: `<temp>/oauth-token-action-<uid>`, created
 * 0700 and used only when lstat shows it is a real directory (not a link), owned by this user
 * and writable by no one else. So another user of a shared machine can neither block the lock
 * nor point its cleanup at their files; runs of the same user (several agents, one account)
 * still coordinate. Nothing is ever removed recursively. A lock whose owner is gone (killed) or
 * older than the stale limit is taken over. When the lock cannot be used for any reason, the
 * step says so in the debug log and goes on without it: the lock only spares a rate limit, it
 * must never fail a run.
 */
import {
  lstatSync,
  mkdirSync,
  renameSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StepError } from './errors.js';
import type { Exclusive, Logger } from './runtime.js';
import { formatSeconds, t } from './text.js';

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This user's lock folder under `base` (on Windows the temp folder is per user already). */
export function userLockDir(base = tmpdir()): string {
  const uid = process.getuid?.();
  return join(base, uid === undefined ? 'oauth-token-action' : `oauth-token-action-${uid}`);
}

export function lockPath(key: string, base = tmpdir()): string {
  return join(userLockDir(base), `${nameHash(key)}.lock`);
}

/**
 * 20 hex digits naming a key: three 32-bit FNV-1a lanes with different offset bases. A file
 * name, not a security measure: a collision only makes two clients queue behind one another.
 */
function nameHash(key: string): string {
  const lanes = [0x811c9dc5, 0x050c5d1f, 0x6e4f2b3d];
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    for (let l = 0; l < lanes.length; l++) lanes[l] = Math.imul(lanes[l]! ^ c, 0x01000193);
  }
  return lanes
    .map((h) => (h >>> 0).toString(16).padStart(8, '0'))
    .join('')
    .slice(0, 20);
}

/** Create this user's lock folder, or check the one there is ours alone; throws otherwise. */
function ensureUserDir(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const st = lstatSync(dir);
  if (st.isSymbolicLink() || !st.isDirectory()) throw new Error(t`${dir} is not a directory`);
  const uid = process.getuid?.();
  if (uid !== undefined && process.platform !== 'win32') {
    if (st.uid !== uid) throw new Error(t`${dir} belongs to user ${st.uid}, not ${uid}`);
    if (st.mode & 0o022) throw new Error(t`${dir} is writable by other users`);
  }
}

type Take = 'held' | 'busy';

/** Try once. Throws when the lock cannot be used at all (the caller then runs without it). */
function tryTake(path: string, staleMs: number, now: number): Take {
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    let owner: string;
    let since: number;
    try {
      since = statSync(path).mtimeMs;
      owner = readFileSync(join(path, 'owner'), 'utf8');
    } catch {
      // The owner is between mkdir and writing its pid, or just released it: look again.
      return 'busy';
    }
    const stale = now - since >= staleMs;
    // An owner file caught half-written reads as empty: its owner is alive, not gone.
    const pid = /^\d+ /.test(owner) ? Number(owner.split(' ')[0]) : undefined;
    if (!stale && (pid === undefined || alive(pid))) return 'busy';
    remove(path);
    return tryTake(path, staleMs, now);
  }
  // Written aside and renamed in, so a reader sees no owner file or a whole one.
  writeFileSync(join(path, 'owner.tmp'), `${process.pid} ${now}`, { mode: 0o600 });
  renameSync(join(path, 'owner.tmp'), join(path, 'owner'));
  return 'held';
}

/** Remove a lock: its two files, then the empty folder. Never recursive. */
function remove(path: string): void {
  for (const f of ['owner', 'owner.tmp']) {
    try {
      unlinkSync(join(path, f));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  rmdirSync(path);
}

export function machineLock(
  log: Logger,
  now: () => number,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  signal?: AbortSignal,
): Exclusive {
  return async (key, opts, fn) => {
    const base = opts.dir ?? tmpdir();
    const path = lockPath(key, base);
    const started = now();
    let said = false;
    let held = false;
    try {
      ensureUserDir(userLockDir(base));
      for (;;) {
        if (tryTake(path, opts.staleMs, now()) === 'held') {
          held = true;
          break;
        }
        const waited = now() - started;
        if (waited >= opts.maxWaitMs) {
          log.warning(
            t`Another run on this machine has been requesting ${opts.what} for ${formatSeconds(waited)}; going ahead without waiting for it.`,
          );
          break;
        }
        if (!said) {
          log.info(
            t`Waiting for another run on this machine that is requesting ${opts.what} (one request at a time per client, so a rate limit is not hit harder).`,
          );
          said = true;
        }
        await sleep(opts.pollMs ?? 20, signal);
      }
    } catch (e) {
      if (e instanceof StepError) throw e; // cancelled while waiting
      log.debug(
        t`The machine lock cannot be used (${(e as Error).message}); going ahead without it.`,
      );
    }
    if (said && held) log.info(t`Done waiting (${formatSeconds(now() - started)}).`);
    try {
      return await fn();
    } finally {
      if (held) {
        try {
          remove(path);
        } catch (e) {
          log.debug(t`Could not release the machine lock (${(e as Error).message}).`);
        }
      }
    }
  };
}
