/**
 * Reading a token endpoint's answer (RFC 6749 s5.1, s5.2) with the quirks providers add:
 * Zoho answers errors and throttling with HTTP 200, uses a legacy millisecond expires_in,
 * and some proxies answer with HTML. Nothing here ever copies a token into a message.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ProviderPreset } from './providers.js';
import { jsonObject } from './json.js';
import { serverText, t } from './text.js';

export interface TokenResult {
  accessToken: string;
  /** As the server sent it (compare case-insensitively). */
  tokenType: string;
  /** Value for the Authorization header: `<scheme> <token>`. */
  authorization: string;
  /** Seconds the token lives, when the server said. */
  expiresIn?: number;
  /** Absolute expiry, computed from when the request started. */
  expiresAt?: Date;
  /** Granted scope: the server's, or the requested one when the server omitted it (s5.1). */
  scope: string;
  /** New refresh token, only when it differs from the one sent. */
  newRefreshToken?: string;
  idToken?: string;
  /** Zoho: the `api_domain` returned. */
  apiDomain?: string;
  /** Notes worth a log line (unusual token type, expiry missing or odd). */
  notes: string[];
}

/** How a failed answer may be retried. */
export type Retryability =
  | 'never' // permanent: the same request will fail again
  | 'safe' // the server did not process it (429, 503, 408): re-sending is harmless
  | 'ambiguous' // the server may have processed it (500, 502, 504): only when re-sending is idempotent
  | 'throttle'; // a provider rate limit that lasts minutes (Zoho)

export class EndpointError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retry: Retryability,
    readonly kind: 'auth' | 'server' | 'protocol' | 'throttled',
    readonly retryAfterMs?: number,
    /** Short description for the attempts list: `HTTP 503`, `invalid_grant`. */
    readonly short: string = `HTTP ${status}`,
    /** The OAuth `error` code of the answer, when it had one. */
    readonly oauthError?: string,
  ) {
    super(message);
    this.name = 'EndpointError';
  }
}

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

/** Seconds the token lives, or undefined when the server did not say (or said nonsense). */
export function normaliseExpiresIn(
  body: Record<string, unknown>,
  zoho: boolean,
): number | undefined {
  const num = (v: unknown): number | undefined => {
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v)) return Number(v);
    return undefined;
  };
  const sec = num(body.expires_in_sec);
  if (sec !== undefined && sec > 0) return Math.floor(sec);
  let e = num(body.expires_in);
  if (e === undefined || e <= 0) return undefined;
  // Zoho's legacy format gives milliseconds in expires_in; no Zoho token lives a day.
  if (zoho && e > 86_400) e = e / 1000;
  return Math.floor(e);
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

function contentTypeOf(headers: IncomingHttpHeaders): string {
  return (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export function parseTokenResponse(
  status: number,
  headers: IncomingHttpHeaders,
  raw: Buffer,
  ctx: ParseContext,
): TokenResult {
  const retryAfterMs = parseRetryAfter(headers['retry-after'], ctx.now);
  const ct = contentTypeOf(headers);
  const text = raw.toString('utf8');

  if (status >= 300 && status < 400) {
    let where = 'another address';
    try {
      where = new URL(String(headers.location ?? ''), 'http://x').origin;
    } catch {
      /* keep the generic text */
    }
    throw new EndpointError(
      t`The token endpoint answered HTTP ${status}, a redirect to ${serverText(where)}. Redirects are never followed with credentials: set ${ctx.label('token-url')} to the final address.`,
      status,
      'never',
      'protocol',
    );
  }

  const trimmed = text.trim();
  const body = jsonObject(trimmed);

  if (!body) {
    const what = trimmed
      ? `${ct || 'no content type'}, ${raw.length} bytes, not a JSON object`
      : 'an empty body';
    const retry = statusRetry(status);
    if (retry !== 'never') {
      throw new EndpointError(
        t`The token endpoint answered HTTP ${status} (${what}).`,
        status,
        retry,
        'server',
        retryAfterMs,
      );
    }
    throw new EndpointError(
      t`The token endpoint answered HTTP ${status} with ${what}. This is not an OAuth answer: check ${ctx.label('token-url')} (a proxy, firewall or login page may be answering instead).`,
      status,
      'never',
      'protocol',
      undefined,
      t`HTTP ${status} ${trimmed ? 'non-JSON' : 'empty'}`,
    );
  }

  const b = body;
  if (
    status >= 200 &&
    status < 300 &&
    typeof b.access_token === 'string' &&
    b.access_token.length > 0 &&
    b.error === undefined
  ) {
    return success(b, ctx, b.access_token);
  }
  throw classifyError(status, b, ctx, retryAfterMs);
}

/**
 * RFC 6749 appendix A: what each field of a success answer may hold. A value outside its grammar
 * (a line break, a control character, a runner command) would reach a variable, an output or a
 * log line, so the answer is refused, naming the field and never quoting it.
 */
const FIELD_GRAMMAR: Record<string, { re: RegExp; what: string }> = {
  // A.12 / A.17: 1*VSCHAR (printable ASCII, space included).
  access_token: { re: /^[\x20-\x7e]+$/, what: 'printable ASCII characters' },
  refresh_token: { re: /^[\x20-\x7e]+$/, what: 'printable ASCII characters' },
  id_token: { re: /^[A-Za-z0-9_=.-]+$/, what: 'a JWT' },
  // A.13: type-name (name-char: - . DIGIT ALPHA _) or an absolute URI.
  token_type: {
    re: /^(?:[A-Za-z0-9._-]+|[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?@!$&'()*+,;=%]+)$/,
    what: 'a type name (letters, digits, - . _) or a URI',
  },
  // A.4: scope-token *( SP scope-token ), scope-token = 1*NQCHAR.
  scope: {
    re: /^[\x21\x23-\x5b\x5d-\x7e]+(?: [\x21\x23-\x5b\x5d-\x7e]+)*$/,
    what: 'scope tokens separated by single spaces',
  },
};

function checkField(name: string, value: string, ctx: ParseContext): void {
  const g = FIELD_GRAMMAR[name]!;
  if (!g.re.test(value)) {
    throw new EndpointError(
      t`The token endpoint answered with a malformed ${name} (${value.length} characters, not only ${g.what}; RFC 6749 appendix A). The answer was refused and nothing from it was used: check that ${ctx.label('token-url')} points at an OAuth 2.0 token endpoint.`,
      200,
      'never',
      'protocol',
      undefined,
      t`malformed ${name}`,
    );
  }
}

/** A Zoho `api_domain`: kept only when it is an http(s) origin; anything else is dropped. */
function apiDomainOf(v: unknown): string | undefined {
  if (typeof v !== 'string' || !/^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?\/?$/.test(v)) return undefined;
  return v.replace(/\/$/, '');
}

function success(b: Record<string, unknown>, ctx: ParseContext, accessToken: string): TokenResult {
  const notes: string[] = [];
  checkField('access_token', accessToken, ctx);
  for (const f of ['token_type', 'refresh_token', 'id_token'] as const) {
    if (typeof b[f] === 'string' && b[f]) checkField(f, b[f], ctx);
  }
  const tokenType = typeof b.token_type === 'string' ? b.token_type : '';
  const scheme = ctx.provider.authScheme;
  if (!tokenType) notes.push('The server did not say the token type; using it as a bearer token.');
  else if (tokenType.toLowerCase() !== 'bearer') {
    notes.push(
      `The server issued a token of type '${serverText(tokenType, ctx.secrets)}', not bearer; the authorization output still uses '${scheme}'.`,
    );
  }
  const expiresIn = normaliseExpiresIn(b, ctx.provider.zohoAccounts);
  if (expiresIn === undefined) notes.push('The server did not say when the token expires.');
  const expiresAt =
    expiresIn === undefined ? undefined : new Date(ctx.startedAt + expiresIn * 1000);
  const scope =
    typeof b.scope === 'string'
      ? b.scope
      : Array.isArray(b.scope)
        ? b.scope.map(String).join(' ')
        : ctx.requestedScope;
  if (scope && scope !== ctx.requestedScope) checkField('scope', scope.trim(), ctx);
  const rt = typeof b.refresh_token === 'string' && b.refresh_token ? b.refresh_token : undefined;
  return {
    accessToken,
    tokenType,
    authorization: `${scheme} ${accessToken}`,
    expiresIn,
    expiresAt,
    scope,
    newRefreshToken: rt && rt !== ctx.sentRefreshToken ? rt : undefined,
    idToken: typeof b.id_token === 'string' && b.id_token ? b.id_token : undefined,
    apiDomain: apiDomainOf(b.api_domain),
    notes,
  };
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
      return `Check the step's inputs against the provider's documentation.`;
  }
}

function classifyError(
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
      t`The accounts server refused to issue a token for now${saidPart}. Zoho allows about 10 tokens per refresh token per 10 minutes: mint one token per job and pass it to later steps.`,
      status,
      'throttle',
      'throttled',
      retryAfterMs,
      'throttled',
      code || undefined,
    );
  }

  if (code === 'temporarily_unavailable' || code === 'slow_down') {
    return new EndpointError(
      t`The token endpoint is temporarily unavailable${saidPart}.`,
      status,
      'safe',
      'server',
      retryAfterMs,
      code,
    );
  }
  const byStatus = statusRetry(status);
  if (code === 'server_error' || (byStatus !== 'never' && !STANDARD_CODES.has(code))) {
    const retry = byStatus === 'never' ? 'ambiguous' : byStatus;
    return new EndpointError(
      t`The token endpoint failed with HTTP ${status}${saidPart}.`,
      status,
      retry,
      'server',
      retryAfterMs,
    );
  }

  if (status >= 200 && status < 300 && !code) {
    const keys = Object.keys(b)
      .slice(0, 10)
      .map((k) => serverText(k))
      .join(', ');
    return new EndpointError(
      t`The token endpoint answered HTTP ${status} without an access_token (fields: ${keys || 'none'}). Check ${ctx.label('token-url')}: it may not be an OAuth 2.0 token endpoint.`,
      status,
      'never',
      'protocol',
      undefined,
      'no access_token',
    );
  }
  const what = code
    ? `refused the request with ${serverText(code, ctx.secrets)}`
    : `answered HTTP ${status}`;
  return new EndpointError(
    t`The token endpoint ${what}${desc ? ` (server said: ${serverText(desc, ctx.secrets)})` : ''}. ${hintFor(code, status, ctx)}`,
    status,
    'never',
    'auth',
    undefined,
    code || `HTTP ${status}`,
    code || undefined,
  );
}
