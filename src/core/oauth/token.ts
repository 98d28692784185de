/** Exchanging the stored secret for an access token: build, send, retry, parse. */
import type { TokenConfig } from './token-config.js';
import { basicAuthorization, buildTokenRequest, postForm } from './request.js';
import { parseTokenResponse, type TokenResult } from './response.js';
import { withRetries } from '../net/retry.js';
import { keySecrets } from './key-secrets.js';
import { StepError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { isoSeconds, t } from '../text.js';
import { cacheKey, fromCached, toCached, type TokenStore, usable } from '../token-cache.js';

/** Every secret this request carries, in the forms a log could show. */
export function requestSecrets(cfg: TokenConfig): string[] {
  const s = [cfg.clientSecret, cfg.refreshToken].filter(Boolean);
  if (cfg.assertion?.signing) s.push(...keySecrets(cfg.assertion.signing.key));
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
  return `${where} (${cfg.provider.title}${region}; grant ${cfg.grantType}; client authentication ${cfg.assertion?.kind ?? cfg.clientAuth})`;
}

export interface FetchOptions {
  /**
   * The CI platform's OIDC token, when the settings need one (see TokenConfig.ciAudience):
   * asked for on every attempt, because servers refuse a CI token used long after it was
   * issued (Keycloak: 300 s after its iat) or used twice (a reused jti).
   */
  ciToken?: () => Promise<string>;
  /** Told every credential made for a request (a signed assertion), to mask it first. */
  onSecret?: (secret: string) => void;
  /**
   * Loads the signing code (assertion.ts and jose), given only by the callers that may sign,
   * so that no other bundle carries it.
   */
  assertions?: () => Promise<typeof import('./assertion.js')>;
  /** Told a new refresh token as soon as an answer carries one (see ParseContext.onRotated). */
  onRotated?: (refreshToken: string) => void;
  /**
   * Where tokens are kept between runs (the command line's cache): a kept token still usable
   * is returned without a request when `reuse`; a minted one is kept. Not reused after the API
   * refused the kept one (`reuse: false`).
   */
  cache?: { store: TokenStore; reuse: boolean };
}

export async function fetchToken(
  cfg: TokenConfig,
  rt: Runtime,
  opts: FetchOptions = {},
): Promise<TokenResult> {
  if (cfg.ciAudience && !opts.ciToken) {
    throw new StepError(
      'input',
      "These settings need the CI platform's OIDC token, and none was obtained.",
    );
  }
  // The signing code (and jose) loads only when a signing method is chosen.
  if ((cfg.assertion || opts.ciToken) && !opts.assertions) {
    throw new StepError(
      'input',
      'Client assertions are made by the OAuth token step: mint the token there and pass it to this one.',
    );
  }
  const jwt = cfg.assertion || opts.ciToken ? await opts.assertions!() : undefined;
  /** The CI token of the last attempt, for an error's explanation. */
  let ciToken: string | undefined;
  const signing = cfg.assertion?.signing
    ? await jwt!.loadSigningKey(
        cfg.assertion.signing,
        {
          key: cfg.subject('client-assertion-key'),
          alg: cfg.subject('client-assertion-alg'),
          certificate: cfg.subject('client-assertion-certificate'),
        },
        { title: cfg.provider.title, rules: cfg.provider.assertionRules },
      )
    : undefined;
  const secrets = requestSecrets(cfg);
  /** The last assertion sent, for an error's explanation. */
  let sentClaims: Record<string, unknown> | undefined;
  const prepare = async () => {
    let clientAssertion: string | undefined;
    if (opts.ciToken) {
      ciToken = await opts.ciToken();
      secrets.push(ciToken);
    }
    if (signing) {
      // A fresh assertion (new jti) per attempt: servers may refuse a jti they have seen.
      const a = await jwt!.signAssertion(signing, cfg.clientId, cfg.assertion!.audience, rt.now());
      opts.onSecret?.(a.jwt);
      secrets.push(a.jwt);
      sentClaims = { ...a.claims, kid: a.header.kid, alg: a.header.alg };
      clientAssertion = a.jwt;
    } else if (cfg.assertion?.kind === 'federated') {
      clientAssertion = ciToken;
    }
    return buildTokenRequest(cfg, { clientAssertion, ciToken });
  };
  const rotating = cfg.grantType === 'refresh_token' && cfg.provider.mayRotateRefreshToken;
  const request = () =>
    withRetries(
      async () => {
        const req = await prepare();
        const startedAt = rt.now();
        const res = await postForm(rt, req, cfg.timeoutMs);
        return parseTokenResponse(res.status, res.headers, res.body, {
          provider: cfg.provider,
          grantType: cfg.grantType,
          requestedScope: cfg.scope,
          sentRefreshToken: cfg.refreshToken,
          startedAt,
          now: rt.now(),
          secrets,
          label: cfg.label,
          reuseToken: cfg.words.reuseToken,
          assertion: cfg.assertion?.kind,
          onRotated: opts.onRotated,
        });
      },
      {
        what: 'token request',
        facts: { provider: cfg.provider.id },
        budgetMs: cfg.budgetMs,
        throttleBudgetMs: cfg.throttleBudgetMs,
        budgetLabel: cfg.label('max-retry-seconds'),
        idempotent: !rotating,
        notIdempotentReason:
          `The refresh may already have reached the server, and ${cfg.provider.id === 'generic' ? 'a generic server' : cfg.provider.title} may rotate refresh tokens: ` +
          'sending the old refresh token again could revoke the whole grant, so it was not re-sent. Run it again; if it then fails with invalid_grant, the server did rotate the token: issue a new refresh token and update the stored secret.',
      },
      rt,
    );
  const explained = async () => {
    rt.log.info(t`Requesting an access token from ${describeEndpoint(cfg)}.`);
    try {
      return await request();
    } catch (e) {
      throw jwt ? explainAssertion(jwt, e, cfg, sentClaims, ciToken) : e;
    }
  };
  // A kept token is looked for inside the machine lock: a run that waited for another one's
  // request finds the token that request kept, and sends nothing.
  const key = opts.cache ? await cacheKey(cfg) : undefined;
  const keptOrMinted = async (): Promise<TokenResult> => {
    const cache = opts.cache;
    if (key && cache?.reuse) {
      const hit = cache.store.read(key);
      if (hit && usable(hit, rt.now())) {
        rt.log.info(
          t`Reusing the access token minted at ${isoSeconds(new Date(hit.mintedAt))}, valid until ${isoSeconds(new Date(hit.expiresAt))}: nothing was sent to ${cfg.tokenUrl.host}.`,
        );
        return fromCached(hit, rt.now());
      }
    }
    const got = await explained();
    const keep = key ? toCached(got, rt.now()) : undefined;
    if (keep) cache!.store.write(key!, keep);
    return got;
  };
  if (!rt.exclusive) return keptOrMinted();
  // One token request at a time per client on this machine (see lock.ts).
  return rt.exclusive(
    `${cfg.tokenUrl.href}\n${cfg.clientId}`,
    {
      what: `a token for the same client (${cfg.tokenUrl.host})`,
      maxWaitMs: cfg.budgetMs + cfg.timeoutMs,
      staleMs: cfg.budgetMs + 2 * cfg.timeoutMs,
    },
    keptOrMinted,
  );
}

/**
 * A refusal of a request that carried an assertion or a CI token, with their non-secret claims
 * beside the server's answer: a subject or audience mismatch is the usual cause, and servers
 * explain it badly.
 */
function explainAssertion(
  jwt: typeof import('./assertion.js'),
  e: unknown,
  cfg: TokenConfig,
  sent: Record<string, unknown> | undefined,
  ciToken: string | undefined,
): unknown {
  if (!(e instanceof StepError) || !['auth', 'protocol'].includes(e.kind)) return e;
  if (!sent && !ciToken) return e;
  const parts: string[] = [];
  if (sent)
    parts.push(
      t`the client assertion (${jwt.describeClaims(sent)}; alg ${String(sent.alg)}, kid ${String(sent.kid)})`,
    );
  if (ciToken) {
    const c = jwt.peekClaims(ciToken);
    parts.push(
      t`the CI platform's OIDC token (${jwt.describeClaims(c)}) as ${cfg.grantType === 'jwt-bearer' ? 'the jwt-bearer grant' : cfg.grantType === 'token-exchange' ? 'the subject token' : 'the client assertion'}`,
    );
  }
  const sub = ciToken ? String(jwt.peekClaims(ciToken).sub ?? '') : '';
  // GitHub's immutable subjects (changelog 2026-04-23): repo:<owner>-<id>/<repo>-<id>:...
  const immutable = /^repo:[^/:]+-\d+\/[^/:]+-\d+:/.test(sub)
    ? t` This subject carries GitHub's immutable owner and repository ids (the default for repositories created, renamed or transferred after 18 June 2026, or opted in): the server's trust must name it exactly so, ids included; a trust written as repo:<owner>/<repo>:... no longer matches.`
    : '';
  return new StepError(
    e.kind,
    t`${e.message} Sent: ${parts.join('; and ')}. Compare them with what the server is configured to accept (subject, audience, issuer, key).${immutable}`,
    e.facts,
  );
}
