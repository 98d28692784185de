/**
 * A Bearer-token JSON API of a monitoring provider (Datadog, PagerDuty): every request goes to
 * the one origin the step was given, with the provider's own error format, its rate-limit
 * header honoured, and the scope each call needs named in a 403.
 */
import { EndpointError, statusRetry } from './endpoint-error.js';
import { parseJson } from '../json.js';
import { USER_AGENT } from '../oauth/request.js';
import { withRetries } from './retry.js';
import type { Runtime } from '../runtime.js';
import { serverText, t } from '../text.js';
import type { IncomingHttpHeaders } from 'node:http';

export type JsonMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** What differs between the providers' APIs. */
export interface JsonApiDialect {
  /** For messages: `Datadog API`. */
  title: string;
  /** Headers every request carries beside the token (PagerDuty's versioned Accept). */
  headers: Record<string, string>;
  /** The provider's text in an error answer (never trusted: it passes serverText). */
  errorText(body: unknown): string | undefined;
  /** How long a 429 asks to wait, from the provider's rate-limit headers (ms). */
  retryAfterMs(headers: IncomingHttpHeaders): number | undefined;
  /** That header's name, for messages. */
  retryAfterHeader: string;
  /** The scope a call needs, for a 403. */
  scopeOf(method: JsonMethod, path: string): string | undefined;
}

export interface JsonApiOptions {
  /** `https://api.datadoghq.com`: every request goes to this origin, and only there. */
  origin: URL;
  /** The access token, sent as `Authorization: Bearer`. */
  token: () => string;
  timeoutMs: number;
  budgetMs: number;
  budgetLabel: string;
  /** Values never to appear in a message. */
  secrets: () => readonly string[];
}

export interface JsonCall {
  method: JsonMethod;
  /** Path and query, built by us (ids path-escaped by the caller). */
  path: string;
  body?: unknown;
  /** For messages: `downtime creation`. */
  what: string;
  /** Re-sending is harmless. A creation is not: only answers that say it was not processed. */
  idempotent: boolean;
  /** Statuses that are answers, not failures (404: already gone). */
  accept?: number[];
}

export interface JsonAnswer {
  status: number;
  data: unknown;
}

/** Seconds in a rate-limit header (`ratelimit-reset: 20`), as milliseconds. */
export function secondsHeader(headers: IncomingHttpHeaders, name: string): number | undefined {
  const v = headers[name];
  const text = (Array.isArray(v) ? v[0] : v)?.trim();
  return text && /^\d{1,6}$/.test(text) ? Number(text) * 1000 : undefined;
}

export class JsonApi {
  constructor(
    readonly dialect: JsonApiDialect,
    readonly opts: JsonApiOptions,
    private readonly rt: Runtime,
  ) {}

  get origin(): URL {
    return this.opts.origin;
  }

  async call(c: JsonCall): Promise<JsonAnswer> {
    const url = new URL(c.path, this.opts.origin);
    if (url.origin !== this.opts.origin.origin) {
      // Paths are ours; this guards the rule that a token goes to its own API host only.
      throw new Error(t`refusing to send a ${this.dialect.title} token to ${url.origin}`);
    }
    const d = this.dialect;
    return withRetries(
      async () => {
        const res = await this.rt.send({
          url,
          method: c.method,
          headers: {
            authorization: `Bearer ${this.opts.token()}`,
            accept: 'application/json',
            'user-agent': USER_AGENT,
            ...d.headers,
            ...(c.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: c.body === undefined ? undefined : JSON.stringify(c.body),
          timeoutMs: this.opts.timeoutMs,
          signal: this.rt.signal,
        });
        const text = res.body.toString('utf8').trim();
        const data = text ? parseJson(text) : undefined;
        if ((res.status >= 200 && res.status < 300) || c.accept?.includes(res.status)) {
          if (text && data === undefined && res.status !== 204) {
            throw new EndpointError(
              t`The ${c.what} (${c.method} ${url.pathname}) was answered HTTP ${res.status} with a body that is not JSON.`,
              { status: res.status, retry: 'never', kind: 'protocol' },
            );
          }
          return { status: res.status, data };
        }
        const said = d.errorText(data);
        const retry = statusRetry(res.status);
        const scope = res.status === 403 ? d.scopeOf(c.method, url.pathname) : undefined;
        const hint =
          res.status === 401
            ? ' The access token was refused: it has expired or was revoked; mint a fresh one.'
            : scope
              ? ` This call needs the scope ${scope}: grant it to the OAuth client and mint a new token.`
              : '';
        throw new EndpointError(
          t`The ${c.what} (${c.method} ${url.origin}${url.pathname}) was answered HTTP ${res.status}${said ? `: ${serverText(said, this.opts.secrets())}` : ''}.${hint}`,
          {
            status: res.status,
            retry,
            kind: res.status === 401 || res.status === 403 ? 'auth' : 'server',
            retryAfterMs: res.status === 429 ? d.retryAfterMs(res.headers) : undefined,
            retryAfterHeader: d.retryAfterHeader,
          },
        );
      },
      {
        what: c.what,
        budgetMs: this.opts.budgetMs,
        budgetLabel: this.opts.budgetLabel,
        idempotent: c.idempotent,
        notIdempotentReason: c.idempotent
          ? undefined
          : 'it creates a window, and the server may have created it already; the post step looks for it by its marker',
      },
      this.rt,
    );
  }
}
