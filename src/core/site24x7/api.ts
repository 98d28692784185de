/**
 * The Site24x7 REST API: `Zoho-oauthtoken` auth, version 2.0 JSON, Site24x7's error format,
 * retries as for tokens (429 and 5xx within a budget, honouring Retry-After), and on a 401
 * one fresh token and one more try, when the step has credentials to mint it.
 */
import { StepError } from '../errors.js';
import { TransportError } from '../net/http.js';
import { parseJson } from '../json.js';
import { PROVIDERS } from '../oauth/providers.js';
import { USER_AGENT } from '../oauth/request.js';
import { EndpointError, parseRetryAfter, statusRetry } from '../net/endpoint-error.js';
import { withRetries } from '../net/retry.js';
import type { Runtime } from '../runtime.js';
import { serverText, t } from '../text.js';
import { type Method, SCOPE_HINT, scopeFor } from './scopes.js';

export type { Method };

export interface TokenSource {
  /** The access token to send now. */
  current(): string;
  /** Mint a fresh access token; absent when the step was given only an access token. */
  renew?: () => Promise<string>;
}

export interface ApiOptions {
  /** `https://www.site24x7.com/api` (no trailing slash needed). */
  apiRoot: URL;
  token: TokenSource;
  /** MSP / business-unit accounts: sent as the `zaaid` cookie. */
  customerId?: string;
  timeoutMs: number;
  budgetMs: number;
  budgetLabel: string;
  /** What to do when the access token is refused, in the platform's words. */
  refusedHint?: string;
  /** Values that must never appear in a message. */
  secrets: () => readonly string[];
}

export interface CallOptions<T> {
  /** For messages: `window creation` ("The window creation failed"). */
  what: string;
  /** Re-sending is harmless (GET, PUT of a full body, DELETE). */
  idempotent: boolean;
  /** Statuses that are answers, not failures (e.g. 404 for a window already gone). */
  accept?: number[];
  /**
   * Before a retry of a request that may have reached the server: look for its effect and
   * return it instead of sending again (used to make window creation safe to retry).
   */
  beforeRetry?: () => Promise<T | undefined>;
}

export interface ApiAnswer {
  status: number;
  data: unknown;
}

export interface Recovered<T> {
  status: 0;
  data: T;
  recovered: true;
}

/** A 401, kept apart from the retry policy's failures. */
class Unauthorized extends Error {}

export class Site24x7Api {
  private renewed = false;

  constructor(
    private readonly opts: ApiOptions,
    private readonly rt: Runtime,
  ) {}

  get root(): URL {
    return this.opts.apiRoot;
  }

  private url(path: string): URL {
    const base = this.opts.apiRoot.href.replace(/\/+$/, '');
    return new URL(`${base}${path}`);
  }

  /** One attempt: the answer, or an EndpointError / TransportError for withRetries. */
  private async once(method: Method, path: string, body: unknown, accept: number[]) {
    const headers: Record<string, string> = {
      authorization: `${PROVIDERS.site24x7.authScheme} ${this.opts.token.current()}`,
      accept: 'application/json; version=2.0',
      'user-agent': USER_AGENT,
    };
    if (body !== undefined) headers['content-type'] = 'application/json;charset=UTF-8';
    if (this.opts.customerId) headers.cookie = `zaaid=${this.opts.customerId}`;
    const res = await this.rt.send({
      url: this.url(path),
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs: this.opts.timeoutMs,
      signal: this.rt.signal,
    });
    const json = parseJson(res.body.toString('utf8'));
    if (accept.includes(res.status)) return { status: res.status, data: dataOf(json) };
    const obj = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
    const ok = res.status >= 200 && res.status < 300;
    if (ok && json !== undefined && (obj.code === undefined || obj.code === 0)) {
      return { status: res.status, data: dataOf(json) };
    }
    throw this.failure(method, path, res.status, res.headers, obj, json === undefined, res);
  }

  private failure(
    method: Method,
    path: string,
    status: number,
    headers: Record<string, string | string[] | undefined>,
    obj: Record<string, unknown>,
    notJson: boolean,
    res: { body: Buffer },
  ): EndpointError {
    const secrets = this.opts.secrets();
    const where = `${method} ${this.opts.apiRoot.pathname.replace(/\/+$/, '')}${path.split('?')[0]}`;
    const code = obj.error_code ?? (status < 300 ? obj.code : undefined);
    const said = obj.message !== undefined ? `: ${serverText(obj.message, secrets)}` : '';
    const detail = notJson
      ? ` (not JSON: ${headers['content-type'] ?? 'no content type'}, ${res.body.length} bytes)`
      : `${code !== undefined ? ` (error_code ${serverText(code)})` : ''}${said}`;
    const head = `Site24x7 answered ${where} with HTTP ${status}${detail}.`;
    const retryAfterMs = parseRetryAfter(headers['retry-after'], this.rt.now());
    if (status === 401) {
      return new EndpointError(
        t`${head} The access token was refused: it expired, was revoked, belongs to another region or account, or was invalidated by later mints (Zoho keeps at most 15 access tokens per refresh token alive; the 16th invalidates the oldest). ${this.opts.refusedHint ?? 'Pass a fresh access token, or the client credentials to mint one.'}`,
        { status, retry: 'never', kind: 'auth', short: 'HTTP 401' },
      );
    }
    if (status === 403) {
      // The refused call's scope, named (see scopes.ts).
      const scope = scopeFor(method, path);
      const missing = scope
        ? t` The Zoho client probably lacks ${scope}, the scope this call needs (or its group's .All): add it to the client's scopes and issue a new refresh token.`
        : '';
      return new EndpointError(t`${head}${missing} ${SCOPE_HINT}`, {
        status,
        retry: 'never',
        kind: 'auth',
      });
    }
    const retry = status < 300 ? 'never' : statusRetry(status);
    const kind = status === 429 ? 'throttled' : status >= 500 ? 'server' : 'protocol';
    return new EndpointError(head, {
      status,
      retry,
      kind,
      retryAfterMs,
      short:
        code !== undefined ? `HTTP ${status} error_code ${serverText(code)}` : `HTTP ${status}`,
    });
  }

  async call<T = unknown>(
    method: Method,
    path: string,
    body: unknown,
    opts: CallOptions<T>,
  ): Promise<ApiAnswer | Recovered<T>> {
    const run = () => {
      let mayHaveReached = false;
      return withRetries<ApiAnswer | Recovered<T>>(
        async (n) => {
          if (n > 1 && mayHaveReached && opts.beforeRetry) {
            const found = await opts.beforeRetry();
            if (found !== undefined) return { status: 0, data: found, recovered: true };
          }
          try {
            return await this.once(method, path, body, opts.accept ?? []);
          } catch (e) {
            mayHaveReached ||= !(e instanceof TransportError) || e.sent;
            // Not for withRetries: a 401 is answered by a fresh token, once, below.
            if (e instanceof EndpointError && e.status === 401) throw new Unauthorized(e.message);
            throw e;
          }
        },
        {
          what: opts.what,
          budgetMs: this.opts.budgetMs,
          budgetLabel: this.opts.budgetLabel,
          idempotent: opts.idempotent || opts.beforeRetry !== undefined,
          notIdempotentReason: `It may have taken effect, so it was not sent again; check Site24x7 before trying again.`,
          // Site24x7's 429 carries Retry-After or locks for minutes, not Zoho's 10-minute window.
          throttleDelayMs: 30_000,
        },
        this.rt,
      );
    };
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof Unauthorized)) throw e;
      if (this.renewed || !this.opts.token.renew) throw new StepError('auth', e.message);
      this.renewed = true;
      this.rt.log.info(
        t`Site24x7 refused the access token (HTTP 401) on the ${opts.what}; minting a fresh one and trying once more.`,
      );
      await this.opts.token.renew();
      try {
        return await run();
      } catch (e2) {
        if (e2 instanceof Unauthorized) throw new StepError('auth', e2.message);
        throw e2;
      }
    }
  }

  async get(path: string, what: string, accept?: number[]): Promise<ApiAnswer> {
    return (await this.call('GET', path, undefined, {
      what,
      idempotent: true,
      accept,
    })) as ApiAnswer;
  }
}

function dataOf(json: unknown): unknown {
  if (json && typeof json === 'object' && 'data' in json) return (json as { data: unknown }).data;
  return json;
}
