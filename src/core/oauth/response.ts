/**
 * Reading a token endpoint's answer (RFC 6749 s5.1, s5.2) with the quirks providers add:
 * Zoho answers errors and throttling with HTTP 200, uses a legacy millisecond expires_in,
 * and some proxies answer with HTML. Nothing here ever copies a token into a message. Error
 * answers are classified in oauth-errors.ts.
 */

import type { IncomingHttpHeaders } from 'node:http';
import { EndpointError, parseRetryAfter, statusRetry } from '../net/endpoint-error.js';
import { jsonObject } from '../json.js';
import { classifyError, type ParseContext } from './oauth-errors.js';
import { serverText, t } from '../text.js';

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
  /** Notes worth a log line (unusual token type, expiry missing). */
  notes: string[];
  /** Taken from a token store (core/token-cache.ts), not from the server. */
  reused?: boolean;
  /** What deserves a warning: a number in the answer that cannot be true, ignored. */
  warnings: string[];
}

/**
 * The longest lifetime believed: ten years. Beyond it a number is a server's bug or an attack
 * (an expiry past year 275760 is not even a date); it is treated as absent, with a warning.
 */
export const MAX_PLAUSIBLE_SECONDS = 10 * 366 * 86_400;

/**
 * Seconds the token lives, or undefined when the server did not say (or said nonsense). With
 * `warn`, a lifetime longer than MAX_PLAUSIBLE_SECONDS is reported there and treated as absent.
 */
export function normaliseExpiresIn(
  body: Record<string, unknown>,
  zoho: boolean,
  warn?: (message: string) => void,
): number | undefined {
  const e = statedExpiresIn(body, zoho);
  if (e === undefined || e <= MAX_PLAUSIBLE_SECONDS) return e;
  warn?.(
    t`The server said the token lives ${e} s, more than ten years: that cannot be right, so the expiry is treated as unknown (the expires-in and expires-at outputs are empty).`,
  );
  return undefined;
}

function statedExpiresIn(body: Record<string, unknown>, zoho: boolean): number | undefined {
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
      { status, retry: 'never', kind: 'protocol' },
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
      throw new EndpointError(t`The token endpoint answered HTTP ${status} (${what}).`, {
        status,
        retry,
        kind: 'server',
        retryAfterMs,
      });
    }
    throw new EndpointError(
      t`The token endpoint answered HTTP ${status} with ${what}. This is not an OAuth answer: check ${ctx.label('token-url')} (a proxy, firewall or login page may be answering instead).`,
      {
        status,
        retry: 'never',
        kind: 'protocol',
        short: t`HTTP ${status} ${trimmed ? 'non-JSON' : 'empty'}`,
      },
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

/** What a token field fails of RFC 6749 appendix A (`printable ASCII characters`), or undefined. */
export function fieldProblem(
  name: 'access_token' | 'refresh_token' | 'id_token' | 'token_type' | 'scope',
  value: string,
): string | undefined {
  const g = FIELD_GRAMMAR[name]!;
  return g.re.test(value) ? undefined : g.what;
}

/**
 * The fields of a token kept or carried outside its answer (an envelope, the command line's
 * cache) that are not of the form a token answer allows, by their answer names: held to the
 * same grammar, as they reach outputs and log lines. Empty optional fields pass; the
 * authorization must be a scheme and this access token.
 */
export function storedTokenProblems(t: {
  accessToken: string;
  tokenType: string;
  scope: string;
  authorization: string;
  apiDomain: string;
}): string[] {
  const [scheme, ...rest] = t.authorization.split(' ');
  return [
    fieldProblem('access_token', t.accessToken) && 'access_token',
    t.tokenType && fieldProblem('token_type', t.tokenType) && 'token_type',
    t.scope && fieldProblem('scope', t.scope) && 'scope',
    t.authorization &&
      (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(scheme ?? '') || rest.join(' ') !== t.accessToken) &&
      'authorization',
    // An origin (Zoho's api_domain), or Site24x7's API root (the api-domain output).
    t.apiDomain &&
      !/^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[A-Za-z0-9._~/-]*)?$/.test(t.apiDomain) &&
      'api_domain',
  ].filter((x): x is string => Boolean(x));
}

/** A Zoho `api_domain`: kept only when it is an http(s) origin; anything else is dropped. */
function apiDomainOf(v: unknown): string | undefined {
  if (typeof v !== 'string' || !/^https?:\/\/[A-Za-z0-9.-]+(?::\d+)?\/?$/.test(v)) return undefined;
  return v.replace(/\/$/, '');
}

function checkField(name: string, value: string, ctx: ParseContext): void {
  const g = FIELD_GRAMMAR[name]!;
  if (!g.re.test(value)) {
    throw new EndpointError(
      t`The token endpoint answered with a malformed ${name} (${value.length} characters, not only ${g.what}; RFC 6749 appendix A). The answer was refused and nothing from it was used: check that ${ctx.label('token-url')} points at an OAuth 2.0 token endpoint.`,
      { status: 200, retry: 'never', kind: 'protocol', short: t`malformed ${name}` },
    );
  }
}

function success(b: Record<string, unknown>, ctx: ParseContext, accessToken: string): TokenResult {
  const notes: string[] = [];
  const warnings: string[] = [];
  // The new refresh token first: once the server has answered with one, the old one may be
  // dead, so it is handed to the caller before anything else in the answer can be refused.
  const rt = typeof b.refresh_token === 'string' && b.refresh_token ? b.refresh_token : undefined;
  if (rt) checkField('refresh_token', rt, ctx);
  if (rt && rt !== ctx.sentRefreshToken) ctx.onRotated?.(rt);
  checkField('access_token', accessToken, ctx);
  for (const f of ['token_type', 'id_token'] as const) {
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
  const expiresIn = normaliseExpiresIn(b, ctx.provider.zohoAccounts, (w) => warnings.push(w));
  if (expiresIn === undefined && !warnings.length)
    notes.push('The server did not say when the token expires.');
  const expiresAt =
    expiresIn === undefined ? undefined : new Date(ctx.startedAt + expiresIn * 1000);
  const scope =
    typeof b.scope === 'string'
      ? b.scope
      : Array.isArray(b.scope)
        ? b.scope.map(String).join(' ')
        : ctx.requestedScope;
  if (scope && scope !== ctx.requestedScope) checkField('scope', scope.trim(), ctx);
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
    warnings,
  };
}
