/** Runs a step on a platform: cancellation on SIGINT/SIGTERM, one failure path, no stack dumps. */
import { isStepError } from '../core/errors.js';
import { createTransport, type TransportOptions } from '../core/net/http.js';
import { machineLock } from '../core/lock.js';
import { type Logger, type Runtime, sleep } from '../core/runtime.js';
import { t } from '../core/text.js';
import type { Platform } from '../platform/types.js';

export type Step<P extends Platform = Platform> = (p: P, rt: Runtime) => Promise<void>;

export async function runStep<P extends Platform>(p: P, step: Step<P>): Promise<void> {
  const ac = new AbortController();
  // Installed until the step has finished: a second Ctrl-C must not kill the process while it
  // ends what it opened (a maintenance window, the wrapped command); the first one stops it.
  const onSignal = (sig: NodeJS.Signals) => {
    if (ac.signal.aborted) {
      p.log.warning(t`Received ${sig} again: still finishing what was opened; it ends on its own.`);
      return;
    }
    p.log.warning(t`Received ${sig}: stopping.`);
    ac.abort(sig);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
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
  const send = createTransport(transport);
  return {
    // Each request in the debug log (the runner's step debug, OAUTH_DEBUG=1 on the command
    // line): method, address without its query, status or failure, and time.
    send: async (req) => {
      const started = now();
      const where = `${req.method} ${req.url.origin}${req.url.pathname}`;
      try {
        const res = await send(req);
        log.debug(t`${where} -> HTTP ${res.status} in ${now() - started} ms`);
        return res;
      } catch (e) {
        log.debug(
          t`${where} -> ${(e as { code?: string }).code ?? 'failed'} after ${now() - started} ms`,
        );
        throw e;
      }
    },
    log,
    now,
    sleep,
    random: Math.random,
    signal,
    exclusive: machineLock(log, now, sleep, signal),
  };
}
