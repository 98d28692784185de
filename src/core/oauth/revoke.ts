/**
 * RFC 7009 revocation of the access token this run minted. Never used for the stored
 * refresh token: revoking that would break every later run.
 */
import type { ClientAuth } from './providers.js';
import { clientAuthParts, formHeaders, postForm } from './request.js';
import { EndpointError, parseRetryAfter, statusRetry } from '../net/endpoint-error.js';
import { withRetries } from '../net/retry.js';
import type { Runtime } from '../runtime.js';
import { jsonObject } from '../json.js';
import { serverText, t } from '../text.js';

export interface RevokeRequest {
  revokeUrl: URL;
  clientId: string;
  clientSecret: string;
  clientAuth: ClientAuth;
  accessToken: string;
  timeoutMs: number;
}

export async function revokeAccessToken(r: RevokeRequest, rt: Runtime): Promise<void> {
  const auth = clientAuthParts(r);
  const form = new URLSearchParams([
    ['token', r.accessToken],
    ['token_type_hint', 'access_token'],
    ...auth.params,
  ]);
  const secrets = [r.accessToken, r.clientSecret];
  await withRetries(
    async () => {
      const res = await postForm(
        rt,
        { url: r.revokeUrl, headers: { ...formHeaders(), ...auth.headers }, body: form.toString() },
        r.timeoutMs,
      );
      // RFC 7009 success has no body.
      const body = jsonObject(res.body.toString('utf8')) ?? {};
      const failed = typeof body.error === 'string' || body.status === 'failure';
      if (res.status === 200 && !failed) return;
      const said = serverText(
        [body.error, body.error_description ?? body.message].filter(Boolean).join(': '),
        secrets,
      );
      throw new EndpointError(
        t`The revocation endpoint answered HTTP ${res.status}${said ? ` (server said: ${said})` : ''}.`,
        {
          status: res.status,
          retry: statusRetry(res.status),
          kind: 'server',
          retryAfterMs: parseRetryAfter(res.headers['retry-after'], rt.now()),
        },
      );
    },
    {
      what: 'revocation',
      budgetMs: 15_000,
      budgetLabel: 'the revocation budget',
      idempotent: true,
      maxDelayMs: 5000,
    },
    rt,
  );
}
