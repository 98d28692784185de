/**
 * The retry policy, ours because no HTTP library here retries POSTs or honours Retry-After.
 * Retry only what is safe: connection failures before the request went out, 408/429/503,
 * and (only when re-sending is harmless) 5xx and failures after sending; honour Retry-After;
 * back off exponentially with jitter; wait long on a provider throttle; stay within a
 * total budget; list every attempt when giving up.
 */
import { type ErrorFacts, type ErrorKind, StepError } from '../errors.js';
import { isTlsTrustError, TransportError } from './http.js';
import { EndpointError, type Retryability } from './endpoint-error.js';
import type { Runtime } from '../runtime.js';
import { count, formatSeconds, t } from '../text.js';

export interface RetryOptions {
  /** What is being attempted, for messages: `token request`. */
  what: string;
  /** Total time after which no new attempt starts. */
  budgetMs: number;
  /** The input that sets the budget, for messages. */
  budgetLabel: string;
  /**
   * Why the budget is what it is, when no input sets it (a grant code works once): said instead
   * of "(budgetLabel is N)", which would name an input that did not decide it.
   */
  budgetWhy?: string;
  /** Re-sending a request the server may already have processed is harmless. */
  idempotent: boolean;
  /** Said when an ambiguous failure is not retried because the request is not idempotent. */
  notIdempotentReason?: string;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Facts every error of this request carries (the provider). */
  facts?: ErrorFacts;
  /** First wait after a provider throttle answer (Zoho: a 10-minute window). */
  throttleDelayMs?: number;
  /**
   * How long a provider throttle may be waited out (default: the whole budget). 0 at a
   * terminal where no budget was asked for: a person is told at once, not kept for minutes.
   */
  throttleBudgetMs?: number;
  /**
   * How long connection-level failures (refused, unknown host, unreachable, a proxy that will
   * not tunnel) are retried: a typo in a URL should fail in seconds, not after the whole budget.
   */
  connectionBudgetMs?: number;
}

/** The default window for connection-level failures (see RetryOptions.connectionBudgetMs). */
export const CONNECTION_BUDGET_MS = 15_000;

/** Failures where no server answered at all: retried briefly, then reported. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPROXY',
]);

export interface Failure {
  retry: Retryability;
  /** HTTP status and OAuth error code, when an answer came. */
  facts?: ErrorFacts;
  /** No server answered (see CONNECTION_CODES): retried only within the connection window. */
  connection?: boolean;
  kind: ErrorKind;
  message: string;
  short: string;
  retryAfterMs?: number;
  /** The header that asked for the wait (default `Retry-After`). */
  retryAfterHeader?: string;
}

export function classifyFailure(e: unknown): Failure | undefined {
  if (e instanceof EndpointError) {
    return {
      facts: { status: e.status || undefined, oauthError: e.oauthError },
      retry: e.retry,
      kind: e.kind,
      message: e.message,
      short: e.short,
      retryAfterMs: e.retryAfterMs,
      retryAfterHeader: e.retryAfterHeader,
    };
  }
  if (e instanceof TransportError) {
    if (e.code === 'ABORTED') return undefined;
    if (isTlsTrustError(e.code)) {
      return {
        retry: 'never',
        kind: 'network',
        short: e.code,
        message: `${capitalise(e.message)}. If your network inspects TLS, give Node the company CA with NODE_EXTRA_CA_CERTS; otherwise check the URL's host.`,
      };
    }
    if (e.code === 'EPROXYAUTH') {
      return {
        retry: 'never',
        kind: 'network',
        short: 'proxy 407',
        message: t`${capitalise(e.message)} (the runner's proxy settings: https_proxy on GitHub and the command line, the agent's proxy configuration on Azure Pipelines).`,
      };
    }
    if (e.code === 'EBODYTOOLARGE') {
      return {
        retry: 'never',
        kind: 'protocol',
        short: 'answer too large',
        message: `${capitalise(e.message)}: this is not an OAuth answer; check the URL.`,
      };
    }
    return {
      retry: e.sent ? 'ambiguous' : 'safe',
      connection: !e.sent && CONNECTION_CODES.has(e.code),
      kind: 'network',
      short: e.timedOut ? 'timeout' : e.code,
      message: `${capitalise(e.message)}${e.sent ? ' after the request was sent' : ''}.`,
    };
  }
  return undefined;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  opts: RetryOptions,
  rt: Runtime,
): Promise<T> {
  const start = rt.now();
  const base = opts.baseDelayMs ?? 1000;
  const cap = opts.maxDelayMs ?? 30_000;
  const throttleBase = opts.throttleDelayMs ?? 60_000;
  const history: string[] = [];
  let throttles = 0;

  for (let n = 1; ; n++) {
    if (rt.signal?.aborted)
      throw new StepError('cancelled', t`Cancelled before the ${opts.what} finished.`);
    try {
      return await attempt(n);
    } catch (e) {
      if (e instanceof TransportError && e.code === 'ABORTED') {
        throw new StepError('cancelled', t`Cancelled during the ${opts.what}.`);
      }
      const f = classifyFailure(e);
      if (!f) throw e;
      const facts = { ...opts.facts, ...f.facts, cause: f.short };
      history.push(`${n}) ${f.short}`);
      const elapsed = rt.now() - start;
      const remaining = opts.budgetMs - elapsed;
      const attemptsText = () =>
        ` Gave up after ${count(n, 'attempt')} in ${formatSeconds(elapsed)} (${opts.budgetWhy ?? `${opts.budgetLabel} is ${Math.round(opts.budgetMs / 1000)}`}): ${history.join(', ')}.`;

      if (f.retry === 'never') {
        throw new StepError(
          f.kind,
          n > 1 ? `${f.message} (attempts: ${history.join(', ')})` : f.message,
          facts,
        );
      }
      if (f.retry === 'ambiguous' && !opts.idempotent) {
        throw new StepError(
          f.kind,
          t`${f.message} ${opts.notIdempotentReason ?? 'The request may have reached the server and is not safe to repeat, so it was not re-sent.'}`,
          facts,
        );
      }

      let delay: number;
      if (f.retry === 'throttle') {
        const desired = f.retryAfterMs ?? throttleBase * 2 ** throttles;
        throttles++;
        if (opts.throttleBudgetMs === 0) {
          throw new StepError(
            'throttled',
            t`${f.message} Not waited for here, as the window lasts up to 10 minutes: run again later, or give ${opts.budgetLabel} 600 to wait.`,
            facts,
          );
        }
        const left = Math.min(remaining, (opts.throttleBudgetMs ?? opts.budgetMs) - elapsed);
        if (left < 1000) {
          throw new StepError(
            'throttled',
            t`${f.message}${attemptsText()}${opts.budgetWhy ? ' Wait before running again.' : ` Raise ${opts.budgetLabel} (Zoho's window is 10 minutes) or wait before running again.`}`,
            facts,
          );
        }
        delay = Math.min(desired, left);
        rt.log.warning(
          t`${f.message} Waiting ${formatSeconds(delay)} before trying again${delay < desired ? ` (all that is left of ${opts.budgetLabel})` : ''}.`,
        );
      } else {
        const backoff = Math.min(cap, base * 2 ** (n - 1)) * (0.5 + rt.random() / 2);
        delay =
          f.retryAfterMs !== undefined
            ? f.retryAfterMs + rt.random() * Math.min(1000, f.retryAfterMs * 0.1)
            : backoff;
        const connectionWindow = Math.min(
          opts.connectionBudgetMs ?? CONNECTION_BUDGET_MS,
          opts.budgetMs,
        );
        // Where the whole budget is shorter, it is what ran out: said below as for any failure.
        if (
          f.connection &&
          connectionWindow < opts.budgetMs &&
          elapsed + delay > connectionWindow
        ) {
          throw new StepError(
            f.kind,
            t`${f.message} Gave up after ${count(n, 'attempt')} in ${formatSeconds(elapsed)}: failures to connect are retried for ${formatSeconds(connectionWindow)} only (${history.join(', ')}). Check the address and the network; a server that is down for longer is worth a later run, not a longer wait.`,
            facts,
          );
        }
        if (delay > remaining) {
          const why =
            f.retryAfterMs !== undefined && f.retryAfterMs > remaining
              ? ` The server asked to wait ${formatSeconds(f.retryAfterMs)}, more than the ${formatSeconds(Math.max(0, remaining))} left.`
              : '';
          throw new StepError(f.kind, t`${f.message}${attemptsText()}${why}`, facts);
        }
        rt.log.info(
          t`The ${opts.what} failed (attempt ${n}): ${f.short}. Retrying in ${formatSeconds(delay)}${f.retryAfterMs !== undefined ? ` as the server asked (${f.retryAfterHeader ?? 'Retry-After'})` : ''}.`,
        );
      }
      await rt.sleep(delay, rt.signal);
    }
  }
}
