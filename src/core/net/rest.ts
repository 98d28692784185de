/** One JSON REST call to a CI platform's API, retried as the token request is. */
import { EndpointError, statusRetry } from './endpoint-error.js';
import { jsonObject } from '../json.js';
import { USER_AGENT } from '../oauth/request.js';
import { withRetries } from './retry.js';
import type { Runtime } from '../runtime.js';
import { serverText, t } from '../text.js';

export interface RestLimits {
  timeoutMs: number;
  budgetMs: number;
  budgetLabel: string;
  /** Values never to appear in a message (the credential, the values written). */
  secrets: () => readonly string[];
}

/**
 * One JSON REST call, retried as the token request is (429 and 5xx within the budget;
 * every call here is idempotent), refused answers explained by `explain`.
 */
export async function restCall(
  rt: Runtime,
  limits: RestLimits,
  o: {
    method: 'GET' | 'POST' | 'PUT' | 'DELETE';
    url: URL;
    authorization: string;
    headers?: Record<string, string>;
    body?: unknown;
    what: string;
    /** What a refused answer (4xx) means here and what to do; undefined: the generic text. */
    explain: (status: number) => string | undefined;
    /** Statuses that are answers, not failures (404 for "not there"). */
    accept?: number[];
  },
): Promise<{ status: number; json: Record<string, unknown> | undefined }> {
  return withRetries(
    async () => {
      const res = await rt.send({
        url: o.url,
        method: o.method,
        headers: {
          authorization: o.authorization,
          accept: 'application/json',
          'user-agent': USER_AGENT,
          ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...o.headers,
        },
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        timeoutMs: limits.timeoutMs,
        signal: rt.signal,
      });
      const json = jsonObject(res.body.toString('utf8').trim());
      if ((res.status >= 200 && res.status < 300) || o.accept?.includes(res.status)) {
        return { status: res.status, json };
      }
      const said =
        json && typeof json.message === 'string'
          ? `: ${serverText(json.message, limits.secrets())}`
          : '';
      const retry = statusRetry(res.status);
      const explained = retry === 'never' ? o.explain(res.status) : undefined;
      throw new EndpointError(
        t`The ${o.what} (${o.method} ${o.url.origin}${o.url.pathname}) was answered HTTP ${res.status}${said}.${explained ? ` ${explained}` : ''}`,
        {
          status: res.status,
          retry,
          kind: res.status === 401 || res.status === 403 ? 'auth' : 'server',
        },
      );
    },
    {
      what: o.what,
      budgetMs: limits.budgetMs,
      budgetLabel: limits.budgetLabel,
      idempotent: true,
    },
    rt,
  );
}
