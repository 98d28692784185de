/**
 * A failed answer from an endpoint (token, revocation, Site24x7): its status, how it may be
 * retried, and the facts it carries. The retry policy (retry.ts) decides on these fields.
 */

/** How a failed answer may be retried. */
export type Retryability =
  | 'never' // permanent: the same request will fail again
  | 'safe' // the server did not process it (429, 503, 408): re-sending is harmless
  | 'ambiguous' // the server may have processed it (500, 502, 504): only when re-sending is idempotent
  | 'throttle'; // a provider rate limit that lasts minutes (Zoho)

/** What an endpoint's refusal establishes, beside its message. */
export interface EndpointFacts {
  status: number;
  retry: Retryability;
  kind: 'auth' | 'server' | 'protocol' | 'throttled';
  retryAfterMs?: number;
  /** The header that asked for the wait, for messages (default `Retry-After`). */
  retryAfterHeader?: string;
  /** Short description for the attempts list (default `HTTP <status>`). */
  short?: string;
  /** The OAuth `error` code of the answer, when it had one. */
  oauthError?: string;
}

export class EndpointError extends Error {
  readonly status: number;
  readonly retry: Retryability;
  readonly kind: 'auth' | 'server' | 'protocol' | 'throttled';
  readonly retryAfterMs?: number;
  readonly retryAfterHeader?: string;
  /** Short description for the attempts list: `HTTP 503`, `invalid_grant`. */
  readonly short: string;
  /** The OAuth `error` code of the answer, when it had one. */
  readonly oauthError?: string;

  constructor(message: string, facts: EndpointFacts) {
    super(message);
    this.name = 'EndpointError';
    this.status = facts.status;
    this.retry = facts.retry;
    this.kind = facts.kind;
    this.retryAfterMs = facts.retryAfterMs;
    this.retryAfterHeader = facts.retryAfterHeader;
    this.short = facts.short ?? `HTTP ${facts.status}`;
    this.oauthError = facts.oauthError;
  }
}

/** Parse `Retry-After` (seconds or HTTP date) into milliseconds from now. */
export function parseRetryAfter(
  value: string | string[] | undefined,
  now: number,
): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  const text = v.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const d = Date.parse(text);
  if (Number.isNaN(d)) return undefined;
  return Math.max(0, d - now);
}

const RETRYABLE_STATUS: Record<number, Retryability> = {
  408: 'safe',
  429: 'safe',
  503: 'safe',
  500: 'ambiguous',
  502: 'ambiguous',
  504: 'ambiguous',
};

/** How a failed HTTP status may be retried (shared by the token and revocation calls). */
export function statusRetry(status: number): Retryability {
  if (RETRYABLE_STATUS[status]) return RETRYABLE_STATUS[status];
  if (status >= 500 && status !== 501 && status !== 505) return 'ambiguous';
  return 'never';
}
