/** What core logic needs from the outside world, injected so tests can drive it. */
import { StepError } from './errors.js';
import type { Send } from './net/http.js';

/** Where a step runs, for names, descriptions and links (from the platform). */
export interface RunInfo {
  /** `owner/repo` or the Azure DevOps project/pipeline. */
  source?: string;
  /** Run number or build number, for display. */
  run?: string;
  /** Link back to the run. */
  url?: string;
  sha?: string;
  /**
   * Where a token envelope is sealed and opened: the repository (or project) and the run,
   * from the runner's own variables. Absent where there is no run (the command line).
   */
  binding?: { scope: string; run: string };
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
}

/** Options of the machine lock (lock.ts implements it). */
export interface LockOptions {
  /** Give up waiting after this long and go ahead without the lock. */
  maxWaitMs: number;
  /** A lock held longer than this is taken over (its owner is stuck). */
  staleMs: number;
  pollMs?: number;
  /** The temporary folder that holds the user's lock folder (default: the system's). */
  dir?: string;
  /** What is being waited for, for the log. */
  what: string;
}

/** Run `fn` as the only holder of `key` on this machine. */
export type Exclusive = <T>(key: string, opts: LockOptions, fn: () => Promise<T>) => Promise<T>;

export interface Runtime {
  send: Send;
  log: Logger;
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
  /** Aborted when the runner cancels the step (SIGINT/SIGTERM). */
  signal?: AbortSignal;
  /** Run `fn` as the only holder of `key` on this machine (see lock.ts); absent in unit tests. */
  exclusive?: Exclusive;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new StepError('cancelled', 'Cancelled.'));
    const onAbort = () => {
      clearTimeout(t);
      reject(new StepError('cancelled', 'Cancelled while waiting.'));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
