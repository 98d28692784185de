/**
 * Building the token request (RFC 6749 s4.4, s6; RFC 8707). Credentials go in the body or
 * the Authorization header, never in the URL.
 */
import type { TokenConfig } from './config.js';

export const USER_AGENT = 'oauth-token-action';

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

export function formHeaders(): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    'user-agent': USER_AGENT,
  };
}

export function buildTokenRequest(cfg: TokenConfig): PreparedRequest {
  const form = new URLSearchParams();
  form.append('grant_type', cfg.grantType);
  if (cfg.grantType === 'refresh_token') form.append('refresh_token', cfg.refreshToken);
  if (cfg.scope) form.append('scope', cfg.scope);
  if (cfg.audience) form.append('audience', cfg.audience);
  for (const r of cfg.resources) form.append('resource', r);
  for (const [k, v] of cfg.extraParams) form.append(k, v);
  const auth = clientAuthParts(cfg);
  for (const [k, v] of auth.params) form.append(k, v);
  return {
    url: cfg.tokenUrl,
    headers: { ...formHeaders(), ...auth.headers },
    body: form.toString(),
  };
}
