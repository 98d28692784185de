/**
 * Building the token request (RFC 6749 s4.4, s6; RFC 8707). Credentials go in the body or
 * the Authorization header, never in the URL.
 */
import type { TokenConfig } from './token-config.js';
import type { HttpResponse } from '../net/http.js';
import { GRANT_TYPE_URI } from './providers.js';
import type { Runtime } from '../runtime.js';

export const USER_AGENT = 'oauth-token-action';

/** RFC 7523 s2.2: a JWT as the client's credential. */
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface PreparedRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
}

/** RFC 6749 s2.3.1: form-encode id and secret, then base64 `id:secret`. */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const enc = (s: string) => new URLSearchParams({ v: s }).toString().slice(2);
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`, 'utf8').toString('base64')}`;
}

export function clientAuthParts(
  cfg: Pick<TokenConfig, 'clientId' | 'clientSecret' | 'clientAuth'>,
): { headers: Record<string, string>; params: Array<[string, string]> } {
  if (cfg.clientAuth === 'basic' && cfg.clientSecret) {
    return {
      headers: { authorization: basicAuthorization(cfg.clientId, cfg.clientSecret) },
      params: [],
    };
  }
  const params: Array<[string, string]> = [['client_id', cfg.clientId]];
  if (cfg.clientSecret) params.push(['client_secret', cfg.clientSecret]);
  return { headers: {}, params };
}

/**
 * One attempt of a form POST to an OAuth endpoint (the token request, revocation, the code
 * exchange), built whole (its headers include formHeaders()), with the per-attempt deadline
 * and the step's cancellation. Retrying is the caller's (net/retry.ts).
 */
export function postForm(
  rt: Runtime,
  req: PreparedRequest,
  timeoutMs: number,
): Promise<HttpResponse> {
  return rt.send({
    url: req.url,
    method: 'POST',
    headers: req.headers,
    body: req.body,
    timeoutMs,
    signal: rt.signal,
  });
}

export function formHeaders(): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    'user-agent': USER_AGENT,
  };
}

/**
 * The request. `clientAssertion`: the signed JWT (private-key-jwt) or the CI token (federated),
 * sent instead of a client secret (RFC 7523 s2.2); `ciToken`: the CI platform's OIDC token, the
 * grant itself for jwt-bearer (RFC 7523 s2.1) and token-exchange (RFC 8693).
 */
export function buildTokenRequest(
  cfg: TokenConfig,
  extra: { clientAssertion?: string; ciToken?: string } = {},
): PreparedRequest {
  const form = new URLSearchParams();
  form.append('grant_type', GRANT_TYPE_URI[cfg.grantType]);
  if (cfg.grantType === 'refresh_token') form.append('refresh_token', cfg.refreshToken);
  if (cfg.grantType === 'jwt-bearer') form.append('assertion', extra.ciToken ?? '');
  if (cfg.grantType === 'token-exchange') {
    form.append('subject_token', extra.ciToken ?? '');
    form.append('subject_token_type', cfg.subjectTokenType);
  }
  if (cfg.scope) form.append('scope', cfg.scope);
  if (cfg.audience) form.append('audience', cfg.audience);
  for (const r of cfg.resources) form.append('resource', r);
  for (const [k, v] of cfg.extraParams) form.append(k, v);
  // RFC 7521 s4.2: client_id is optional beside an assertion; a server that finds the client
  // by a CI token's subject may refuse one that differs from it (Keycloak 26.6).
  const omitClientId = cfg.assertion?.kind === 'federated' && cfg.provider.federatedOmitsClientId;
  const auth = extra.clientAssertion
    ? {
        headers: {},
        params: [
          ...(omitClientId ? [] : [['client_id', cfg.clientId]]),
          ['client_assertion_type', CLIENT_ASSERTION_TYPE],
          ['client_assertion', extra.clientAssertion],
        ] as Array<[string, string]>,
      }
    : clientAuthParts(cfg);
  for (const [k, v] of auth.params) form.append(k, v);
  return {
    url: cfg.tokenUrl,
    headers: { ...formHeaders(), ...auth.headers },
    body: form.toString(),
  };
}
