/**
 * Turning a one-time authorization code (a Zoho Self Client "grant code") into a refresh token:
 * the authorization_code grant (RFC 6749 s4.1.3), sent once. A code is single-use, so nothing
 * here is retried: a second attempt would only be refused, and could hide the first one's answer.
 */
import { StepError } from '../errors.js';
import type { ClientAuth, ProviderPreset } from './providers.js';
import { clientAuthParts, formHeaders, postForm } from './request.js';
import { parseTokenResponse, type TokenResult } from './response.js';
import { withRetries } from '../net/retry.js';
import type { Runtime } from '../runtime.js';
import { t } from '../text.js';

export interface CodeExchange {
  provider: ProviderPreset;
  region?: string;
  tokenUrl: URL;
  clientId: string;
  clientSecret: string;
  clientAuth: ClientAuth;
  code: string;
  /** Only when the code was issued for a redirect URI (a Self Client code has none). */
  redirectUri: string;
  timeoutMs: number;
  label: (key: string) => string;
}

export interface Exchanged extends TokenResult {
  refreshToken: string;
}

/** Every secret the exchange carries, for masking before anything is written. */
export function exchangeSecrets(x: CodeExchange): string[] {
  const auth = clientAuthParts(x);
  const basic = auth.headers.authorization?.slice('Basic '.length);
  return [x.clientSecret, x.code, basic ?? ''].filter(Boolean);
}

export async function exchangeCode(x: CodeExchange, rt: Runtime): Promise<Exchanged> {
  const form = new URLSearchParams();
  form.append('grant_type', 'authorization_code');
  form.append('code', x.code);
  if (x.redirectUri) form.append('redirect_uri', x.redirectUri);
  const auth = clientAuthParts(x);
  for (const [k, v] of auth.params) form.append(k, v);
  const where = `${x.tokenUrl.origin}${x.tokenUrl.pathname}`;
  rt.log.info(
    t`Exchanging the grant code at ${where} (${x.provider.title}${x.region ? `, region ${x.region}` : ''}).`,
  );
  let token: TokenResult;
  try {
    token = await withRetries(
      async () => {
        const startedAt = rt.now();
        const res = await postForm(
          rt,
          {
            url: x.tokenUrl,
            headers: { ...formHeaders(), ...auth.headers },
            body: form.toString(),
          },
          x.timeoutMs,
        );
        return parseTokenResponse(res.status, res.headers, res.body, {
          provider: x.provider,
          grantType: 'authorization_code',
          requestedScope: '',
          sentRefreshToken: '',
          startedAt,
          now: rt.now(),
          secrets: exchangeSecrets(x),
          label: x.label,
        });
      },
      {
        what: 'code exchange',
        facts: { provider: x.provider.id },
        // A code works once: only what never reached the server (a refused connection) is
        // tried again, within the connection window.
        budgetMs: 0,
        budgetLabel: x.label('timeout-seconds'),
        budgetWhy: 'a grant code works once, so a failed exchange is not retried',
        idempotent: false,
        notIdempotentReason:
          'The code may have reached the server and a code works once: generate a new one and run this again.',
      },
      rt,
    );
  } catch (e) {
    const code = e instanceof StepError ? e.facts.oauthError : undefined;
    if (code === 'invalid_code' || code === 'invalid_grant') {
      throw new StepError(
        'auth',
        t`${where} refused the grant code (${code}). A code works once and only for a few minutes (the time chosen when it was generated), and only at the accounts server of the region whose API console made it. Generate a new code${x.provider.zohoAccounts ? ` in the API console of your region and pass its region with ${x.label('region')}` : ''}, and exchange it at once.`,
        (e as StepError).facts,
      );
    }
    throw e;
  }
  if (!token.newRefreshToken) {
    throw new StepError(
      'auth',
      t`${where} issued an access token but no refresh token. ${x.provider.zohoAccounts ? 'Generate the code from a Self Client (its codes are for offline access), not from a web client without access_type=offline.' : "Ask for offline access when requesting the code (the offline_access scope, or the server's equivalent)."}`,
    );
  }
  return { ...token, refreshToken: token.newRefreshToken };
}
