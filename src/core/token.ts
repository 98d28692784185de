/** Exchanging the stored secret for an access token: build, send, retry, parse. */
import type { TokenConfig } from './config.js';
import { basicAuthorization, buildTokenRequest } from './request.js';
import { parseTokenResponse, type TokenResult } from './response.js';
import { withRetries } from './retry.js';
import type { Runtime } from './runtime.js';
import { t } from './text.js';

/** Every secret this request carries, in the forms a log could show. */
export function requestSecrets(cfg: TokenConfig): string[] {
  const s = [cfg.clientSecret, cfg.refreshToken].filter(Boolean);
  if (cfg.clientSecret) {
    const basic = basicAuthorization(cfg.clientId, cfg.clientSecret);
    s.push(basic.slice('Basic '.length));
  }
  return s;
}

/**
 * The api-domain output: for Site24x7 the region's API root (what its calls need), otherwise
 * what the server said (Zoho's api_domain).
 */
export function apiDomainOutput(cfg: TokenConfig, token: TokenResult): string {
  return cfg.provider.id === 'site24x7' ? (cfg.apiRoot ?? '') : (token.apiDomain ?? '');
}

export function describeEndpoint(cfg: TokenConfig): string {
  const where = `${cfg.tokenUrl.origin}${cfg.tokenUrl.pathname}`;
  const region = cfg.region ? `, region ${cfg.region}` : '';
  return `${where} (${cfg.provider.title}${region}; grant ${cfg.grantType}; client authentication ${cfg.clientAuth})`;
}

export async function fetchToken(cfg: TokenConfig, rt: Runtime): Promise<TokenResult> {
  const req = buildTokenRequest(cfg);
  const secrets = requestSecrets(cfg);
  const rotating = cfg.grantType === 'refresh_token' && cfg.provider.mayRotateRefreshToken;
  rt.log.info(t`Requesting an access token from ${describeEndpoint(cfg)}.`);
  const request = () =>
    withRetries(
      async () => {
        const startedAt = rt.now();
        const res = await rt.send({
          url: req.url,
          method: 'POST',
          headers: req.headers,
          body: req.body,
          timeoutMs: cfg.timeoutMs,
          signal: rt.signal,
        });
        return parseTokenResponse(res.status, res.headers, res.body, {
          provider: cfg.provider,
          grantType: cfg.grantType,
          requestedScope: cfg.scope,
          sentRefreshToken: cfg.refreshToken,
          startedAt,
          now: rt.now(),
          secrets,
          label: cfg.label,
        });
      },
      {
        what: 'token request',
        facts: { provider: cfg.provider.id },
        budgetMs: cfg.budgetMs,
        budgetLabel: cfg.label('max-retry-seconds'),
        idempotent: !rotating,
        notIdempotentReason:
          `The refresh may already have reached the server, and ${cfg.provider.id === 'generic' ? 'a generic server' : cfg.provider.title} may rotate refresh tokens: ` +
          'sending the old refresh token again could revoke the whole grant, so it was not re-sent. Run the step again; if it then fails with invalid_grant, the server did rotate the token: issue a new refresh token and update the stored secret.',
      },
      rt,
    );
  if (!rt.exclusive) return request();
  // One token request at a time per client on this machine (see lock.ts).
  return rt.exclusive(
    `${cfg.tokenUrl.href}\n${cfg.clientId}`,
    {
      what: `a token for the same client (${cfg.tokenUrl.host})`,
      maxWaitMs: cfg.budgetMs + cfg.timeoutMs,
      staleMs: cfg.budgetMs + 2 * cfg.timeoutMs,
    },
    request,
  );
}
