import { PROVIDERS } from '../../../src/core/oauth/providers.js';
import { EndpointError, parseRetryAfter } from '../../../src/core/net/endpoint-error.js';
import type { ParseContext } from '../../../src/core/oauth/oauth-errors.js';
import { normaliseExpiresIn, parseTokenResponse } from '../../../src/core/oauth/response.js';

const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);

function ctx(
  provider: keyof typeof PROVIDERS = 'generic',
  over: Partial<ParseContext> = {},
): ParseContext {
  return {
    provider: PROVIDERS[provider],
    grantType: 'refresh_token',
    requestedScope: 'api:read',
    sentRefreshToken: 'old-refresh-token',
    startedAt: T0,
    now: T0 + 250,
    secrets: ['client-secret-value', 'old-refresh-token'],
    label: (k) => k,
    ...over,
  };
}

function parse(
  status: number,
  body: unknown,
  c = ctx(),
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return parseTokenResponse(status, headers, raw, c);
}

function fail(
  status: number,
  body: unknown,
  c = ctx(),
  headers?: Record<string, string>,
): EndpointError {
  try {
    parse(status, body, c, headers);
  } catch (e) {
    expect(e).toBeInstanceOf(EndpointError);
    return e as EndpointError;
  }
  throw new Error('expected failure');
}

describe('success', () => {
  test('RFC 6749 answer: expiry counted from the request start; bearer header; scope echoed or requested', () => {
    const t = parse(200, { access_token: 'AT', token_type: 'bEaReR', expires_in: 3600 });
    expect(t.tokenType).toBe('bEaReR');
    expect(t.authorization).toBe('Bearer AT');
    expect(t.expiresIn).toBe(3600);
    expect(t.expiresAt?.toISOString()).toBe('2026-11-22T11:00:00.000Z');
    expect(t.scope).toBe('api:read');
    expect(t.notes).toEqual([]);
    expect(parse(200, { access_token: 'AT', token_type: 'Bearer', scope: 'a b' }).scope).toBe(
      'a b',
    );
  });

  test('Zoho: Zoho-oauthtoken header and api_domain', () => {
    const t = parse(
      200,
      {
        access_token: '1000.x.y',
        api_domain: 'https://www.zohoapis.com',
        token_type: 'Bearer',
        expires_in: 3600,
      },
      ctx('zoho'),
    );
    expect(t.authorization).toBe('Zoho-oauthtoken 1000.x.y');
    expect(t.apiDomain).toBe('https://www.zohoapis.com');
  });

  test('rotation: a different refresh token is new, the same one is not', () => {
    expect(
      parse(200, { access_token: 'A', token_type: 'Bearer', refresh_token: 'new-rt' })
        .newRefreshToken,
    ).toBe('new-rt');
    expect(
      parse(200, { access_token: 'A', token_type: 'Bearer', refresh_token: 'old-refresh-token' })
        .newRefreshToken,
    ).toBeUndefined();
  });

  test('unusual token type and missing expiry are noted, not fatal', () => {
    const t = parse(200, { access_token: 'A', token_type: 'DPoP' });
    expect(t.expiresAt).toBeUndefined();
    expect(t.notes).toHaveLength(2);
  });
});

describe('expires_in normalisation', () => {
  test.each<[Record<string, unknown>, boolean, number | undefined]>([
    [{ expires_in: 3600 }, false, 3600],
    [{ expires_in: '3599' }, false, 3599],
    [{}, false, undefined],
    [{ expires_in: 'soon' }, false, undefined],
    [{ expires_in: -5 }, false, undefined],
    [{ expires_in: 0 }, false, undefined],
    [{ expires_in: 3_600_000, expires_in_sec: 3600 }, true, 3600],
    [{ expires_in: 3_600_000 }, true, 3600],
    [{ expires_in: 2_592_000 }, false, 2_592_000],
    [{ expires_in: 86_400 }, true, 86_400],
  ])('%j (zoho %s) -> %s', (body, zoho, expected) => {
    expect(normaliseExpiresIn(body, zoho)).toBe(expected);
  });
});

describe('Retry-After', () => {
  test('seconds and HTTP date', () => {
    expect(parseRetryAfter('7', T0)).toBe(7000);
    expect(parseRetryAfter(new Date(T0 + 5000).toUTCString(), T0)).toBe(5000);
    expect(parseRetryAfter(new Date(T0 - 5000).toUTCString(), T0)).toBe(0);
    expect(parseRetryAfter('later', T0)).toBeUndefined();
    expect(parseRetryAfter(undefined, T0)).toBeUndefined();
  });
});

describe('errors', () => {
  test('Zoho errors arrive with HTTP 200 and are failures with region hints', () => {
    const e = fail(200, { error: 'invalid_client' }, ctx('zoho'));
    expect(e.retry).toBe('never');
    expect(e.message).toBe(
      'The token endpoint refused the request with invalid_client. ' +
        'Wrong client id or refresh token, or the account is in another region: check client-id and set region to the Zoho region of your account (us, eu, in, au, cn, jp, ca, uk, sa, ae).',
    );
    expect(fail(200, { error: 'invalid_code' }, ctx('site24x7')).message).toContain(
      'another region',
    );
    expect(fail(200, { error: 'invalid_client_secret' }, ctx('zoho')).message).toContain(
      'check client-secret',
    );
  });

  test("Zoho's throttle, in English and localised, is recognised by status=failure", () => {
    const en = fail(
      200,
      {
        error: 'Access Denied',
        error_description: 'You have made too many requests continuously.',
        status: 'failure',
      },
      ctx('zoho'),
    );
    expect(en.retry).toBe('throttle');
    const zh = fail(
      400,
      { error: '拒绝访问', error_description: '请求太多', status: 'failure' },
      ctx('zoho'),
    );
    expect(zh.retry).toBe('throttle');
  });

  test('status decides retryability', () => {
    expect(fail(503, { error: 'x' }).retry).toBe('safe');
    expect(fail(429, '', ctx(), { 'retry-after': '3' }).retryAfterMs).toBe(3000);
    expect(fail(500, 'oops', ctx(), { 'content-type': 'text/plain' }).retry).toBe('ambiguous');
    expect(
      fail(502, '<html>bad gateway</html>', ctx(), { 'content-type': 'text/html' }).retry,
    ).toBe('ambiguous');
    expect(fail(501, { error: 'x' }).retry).toBe('never');
    expect(fail(400, { error: 'invalid_grant' }).retry).toBe('never');
    expect(fail(400, { error: 'temporarily_unavailable' }).retry).toBe('safe');
  });

  test('invalid_grant on a rotating server mentions rotation', () => {
    expect(
      fail(400, { error: 'invalid_grant', error_description: 'grant request is invalid' }).message,
    ).toBe(
      'The token endpoint refused the request with invalid_grant (server said: grant request is invalid). The refresh token is invalid, expired or revoked, or an earlier run rotated it: issue a new refresh token and update the stored secret in refresh-token.',
    );
  });

  test('an HTML page shows status and content type, never the body', () => {
    const e = fail(200, '<html><body>Proxy login. token=SECRETSECRET</body></html>', ctx(), {
      'content-type': 'text/html; charset=utf-8',
    });
    expect(e.message).toBe(
      'The token endpoint answered HTTP 200 with text/html, 57 bytes, not a JSON object. This is not an OAuth answer: check token-url (a proxy, firewall or login page may be answering instead).',
    );
    expect(e.retry).toBe('never');
  });

  test('empty 200, truncated JSON, JSON without a token', () => {
    expect(fail(200, '').message).toContain('with an empty body');
    expect(fail(200, '{"access_token":"abc').message).toContain('not a JSON object');
    expect(fail(200, { token: 'x', foo: 1 }).message).toBe(
      'The token endpoint answered HTTP 200 without an access_token (fields: token, foo). Check token-url: it may not be an OAuth 2.0 token endpoint.',
    );
    expect(fail(200, { access_token: 42 }).retry).toBe('never');
  });

  test('a redirect is never followed and only its origin is shown', () => {
    const e = fail(302, '', ctx(), { location: 'https://evil.example.net/steal?x=1' });
    expect(e.message).toBe(
      'The token endpoint answered HTTP 302, a redirect to https://evil.example.net. Redirects are never followed with credentials: set token-url to the final address.',
    );
  });

  test('server text is one line, bounded, with no runner commands and no secrets', () => {
    const e = fail(400, {
      error: 'invalid_request',
      error_description:
        'bad\n::set-output name=x::1\r\n##vso[task.setvariable variable=a]b echo client-secret-value ' +
        'x'.repeat(500),
    });
    expect(e.message).not.toMatch(/[\r\n]/);
    expect(e.message).not.toContain('::set-output');
    expect(e.message).not.toContain('##vso[');
    expect(e.message).not.toContain('client-secret-value');
    expect(e.message.length).toBeLessThan(600);
  });
});

test('Zoho\'s throttle without status ({"error":"Access Denied"} alone) is a throttle, not a credential error', () => {
  for (const error of ['Access Denied', '拒绝访问']) {
    let e: unknown;
    try {
      parseTokenResponse(200, {}, Buffer.from(JSON.stringify({ error })), {
        provider: PROVIDERS.zoho,
        grantType: 'refresh_token',
        requestedScope: '',
        sentRefreshToken: 'rt',
        startedAt: 0,
        now: 0,
        secrets: [],
        label: (k) => k,
      });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(EndpointError);
    expect((e as EndpointError).retry).toBe('throttle');
    expect((e as EndpointError).kind).toBe('throttled');
  }
});
