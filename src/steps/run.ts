/** Runs a step on a platform: cancellation on SIGINT/SIGTERM, one failure path, no stack dumps. */
import { isStepError } from '../core/errors.js';
import { createTransport } from '../core/http.js';
import { machineLock } from '../core/lock.js';
import { type Logger, type Runtime, sleep } from '../core/runtime.js';
import type { TransportOptions } from '../core/http.js';
import type { Platform } from '../platform/types.js';
import { t } from '../core/text.js';

export type Step<P extends Platform = Platform> = (p: P, rt: Runtime) => Promise<void>;

export async function runStep<P extends Platform>(p: P, step: Step<P>): Promise<void> {
  const ac = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    p.log.warning(t`Received ${sig}: stopping.`);
    ac.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await step(p, createRuntime(p.log, p.transport(), ac.signal));
  } catch (e) {
    if (isStepError(e)) {
      p.fail(e.message, e.kind);
    } else {
      // A bug, not a user error: say so, with the stack for the debug log only.
      const err = e instanceof Error ? e : new Error(String(e));
      p.log.debug(err.stack ?? err.message);
      p.fail(t`Unexpected error (please report it): ${err.message}`);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The real world for a step: HTTP through the platform's transport, the clock, the machine lock. */
export function createRuntime(
  log: Logger,
  transport: TransportOptions = {},
  signal?: AbortSignal,
): Runtime {
  const now = () => Date.now();
  return {
    send: createTransport(transport),
    log,
    now,
    sleep,
    random: Math.random,
    signal,
    exclusive: machineLock(log, now, sleep, signal),
  };
}
