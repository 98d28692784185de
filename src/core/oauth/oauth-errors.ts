/**
 * OAuth error answers (RFC 6749 s5.2) and the providers' variants (Zoho's throttle sent as HTTP
 * 200): what each means, whether it may be retried, and the hint that names the input to fix.
 */
import { EndpointError, statusRetry } from '../net/endpoint-error.js';
import type { ProviderPreset } from './providers.js';
import { serverText, t } from '../text.js';

export interface ParseContext {
  provider: ProviderPreset;
  grantType: string;
  requestedScope: string;
  sentRefreshToken: string;
  startedAt: number;
  now: number;
  /** Values that must never be echoed into a message. */
  secrets: readonly string[];
  label: (key: string) => string;
  /** How to spare a throttled server here (Wording.reuseToken); the pipeline's words if unset. */
  reuseToken?: string;
  /** The client authentication without a secret, when one was used: hints name its inputs. */
  assertion?: 'private-key-jwt' | 'federated';
  /**
   * Told a new refresh token the moment a success answer carries a well-formed one, before
   * anything else in the answer is checked: the server has spent the old one, so the caller
   * must keep this one even if the rest of the answer is refused.
   */
  onRotated?: (refreshToken: string) => void;
}

const STANDARD_CODES = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'invalid_target',
  'invalid_client_secret',
  'invalid_code',
  'temporarily_unavailable',
  'server_error',
]);

function hintFor(code: string, status: number, ctx: ParseContext): string {
  const L = ctx.label;
  const zoho = ctx.provider.zohoAccounts;
  const regionList = Object.keys(ctx.provider.regions).join(', ');
  switch (code) {
    case 'invalid_client':
      if (zoho) {
        return `Wrong client id or refresh token, or the account is in another region: check ${L('client-id')} and set ${L('region')} to the Zoho region of your account (${regionList}).`;
      }
      if (ctx.assertion === 'private-key-jwt') {
        return `The server did not accept the signed client assertion: check that ${L('client-id')} names the client whose public key (or certificate) is registered, and ${L('client-assertion-kid')}, ${L('client-assertion-alg')} and ${L('client-assertion-certificate')} against what the server shows for that key.`;
      }
      if (ctx.assertion === 'federated') {
        return `The server did not accept the CI platform's OIDC token as the client's credential: its federated credential must name this token's issuer, subject and audience (shown below), and ${L('client-id')} the client that holds it.`;
      }
      return `The server did not accept the client credentials: check ${L('client-id')} and ${L('client-secret')}, and try ${L('client-auth')}: ${ctx.provider.clientAuth === 'basic' ? 'post' : 'basic'} (servers often accept only one method).`;
    case 'invalid_client_secret':
      return `Zoho did not accept the client secret: check ${L('client-secret')} (it belongs to the client in ${L('client-id')}).`;
    case 'invalid_code':
      return `Wrong client id or refresh token, or the account is in another region: the refresh token is wrong, revoked, or was issued in another Zoho region. Check ${L('refresh-token')} and set ${L('region')} (${regionList}).`;
    case 'invalid_grant':
      return ctx.grantType === 'refresh_token'
        ? `The refresh token is invalid, expired or revoked${ctx.provider.mayRotateRefreshToken ? ', or an earlier run rotated it' : ''}: issue a new refresh token and update the stored secret in ${L('refresh-token')}.`
        : `The server refused the grant: check ${L('scope')}, ${L('audience')} and the client's permissions at the provider.`;
    case 'unauthorized_client':
      return `This client may not use the ${ctx.grantType} grant: allow that grant for the client at the provider, or change ${L('grant-type')}.`;
    case 'unsupported_grant_type':
      return `The server does not support grant_type=${ctx.grantType}: check ${L('grant-type')} and ${L('token-url')}.`;
    case 'invalid_scope':
      return `The server refused the requested scope: check ${L('scope')} against the scopes the client was granted.`;
    case 'invalid_target':
      return `The server refused the requested resource or audience: check ${L('resource')} and ${L('audience')}.`;
    case 'invalid_request':
      return `The server found the request malformed: check ${L('extra-params')}, ${L('scope')}, ${L('audience')} and ${L('client-auth')}.`;
    default:
      if (status === 401) {
        return `The server did not accept the client credentials: check ${L('client-id')}, ${L('client-secret')} and ${L('client-auth')}.`;
      }
      if (status === 404 || status === 405) {
        return `Check ${L('token-url')}${Object.keys(ctx.provider.regions).length ? ` and ${L('region')}` : ''}: this address does not accept token requests.`;
      }
      return `Check the settings against the provider's documentation.`;
  }
}

export function classifyError(
  status: number,
  b: Record<string, unknown>,
  ctx: ParseContext,
  retryAfterMs?: number,
): EndpointError {
  const code = typeof b.error === 'string' ? b.error : '';
  const desc =
    typeof b.error_description === 'string'
      ? b.error_description
      : typeof b.message === 'string'
        ? b.message
        : '';
  const said = [code, desc]
    .filter(Boolean)
    .map((s) => serverText(s, ctx.secrets))
    .join(': ');
  const saidPart = said ? ` (server said: ${said})` : '';

  // Zoho's throttle: {"error":"Access Denied", "status":"failure", ...} with HTTP 200 (or 400);
  // its text is localised, so the marker is status=failure with a non-OAuth error value. Zoho
  // has also sent {"error":"Access Denied"} alone: from Zoho's accounts server, an error value
  // that is not an OAuth-style code (lower case, digits and _) is read as the throttle too,
  // never as a permanent credential error.
  const zohoProse = ctx.provider.zohoAccounts && code !== '' && !/^[a-z0-9_.-]+$/.test(code);
  if ((b.status === 'failure' || zohoProse) && !STANDARD_CODES.has(code)) {
    return new EndpointError(
      t`The accounts server refused to issue a token for now${saidPart}. Zoho allows about 10 tokens per refresh token per 10 minutes: ${ctx.reuseToken ?? 'mint one token per job and pass it to later steps'}.`,
      {
        status,
        retry: 'throttle',
        kind: 'throttled',
        retryAfterMs,
        short: 'throttled',
        oauthError: code || undefined,
      },
    );
  }

  if (code === 'temporarily_unavailable' || code === 'slow_down') {
    return new EndpointError(t`The token endpoint is temporarily unavailable${saidPart}.`, {
      status,
      retry: 'safe',
      kind: 'server',
      retryAfterMs,
      short: code,
    });
  }
  const byStatus = statusRetry(status);
  if (code === 'server_error' || (byStatus !== 'never' && !STANDARD_CODES.has(code))) {
    const retry = byStatus === 'never' ? 'ambiguous' : byStatus;
    return new EndpointError(t`The token endpoint failed with HTTP ${status}${saidPart}.`, {
      status,
      retry,
      kind: 'server',
      retryAfterMs,
    });
  }

  if (status >= 200 && status < 300 && !code) {
    const keys = Object.keys(b)
      .slice(0, 10)
      .map((k) => serverText(k))
      .join(', ');
    return new EndpointError(
      t`The token endpoint answered HTTP ${status} without an access_token (fields: ${keys || 'none'}). Check ${ctx.label('token-url')}: it may not be an OAuth 2.0 token endpoint.`,
      { status, retry: 'never', kind: 'protocol', short: 'no access_token' },
    );
  }
  const what = code
    ? `refused the request with ${serverText(code, ctx.secrets)}`
    : `answered HTTP ${status}`;
  return new EndpointError(
    t`The token endpoint ${what}${desc ? ` (server said: ${serverText(desc, ctx.secrets)})` : ''}. ${hintFor(code, status, ctx)}`,
    {
      status,
      retry: 'never',
      kind: 'auth',
      short: code || `HTTP ${status}`,
      oauthError: code || undefined,
    },
  );
}
