/**
 * Reusing an access token instead of minting another: the rules, platform-neutral. Zoho allows
 * about 10 access tokens per refresh token per 10 minutes, so a person who runs ten commands
 * in a row must not mint ten. Where the tokens are kept is the platform's (the command line:
 * cli/token-cache.ts); what may be reused, and for how long, is decided here.
 */
import type { TokenConfig } from './oauth/token-config.js';
import { storedTokenProblems, type TokenResult } from './oauth/response.js';

/** What a store keeps of a token: never the refresh token or the client secret. */
export interface CachedToken {
  accessToken: string;
  tokenType: string;
  authorization: string;
  /** Epoch milliseconds. A token without an expiry is never kept. */
  expiresAt: number;
  /** When it was minted, epoch milliseconds. */
  mintedAt: number;
  scope: string;
  apiDomain?: string;
}

/** Where tokens are kept between runs; `key` is cacheKey's. Failures are the store's to absorb. */
export interface TokenStore {
  read(key: string): CachedToken | undefined;
  write(key: string, token: CachedToken): void;
}

/**
 * A kept token is reused only while it has at least this long to live: a command or a job's
 * step may take minutes. Capped at a fifth of the token's life, so that a short-lived token
 * (five seconds, five minutes) is still reused for most of its life.
 */
export const REUSE_MARGIN_MS = 5 * 60_000;

/** The margin for one token: REUSE_MARGIN_MS, or a fifth of its life when that is less. */
export function reuseMarginMs(t: Pick<CachedToken, 'expiresAt' | 'mintedAt'>): number {
  return Math.min(REUSE_MARGIN_MS, Math.max(0, t.expiresAt - t.mintedAt) / 5);
}

/**
 * The binding of a kept token: the same server, client, grant, scopes, audience and resources,
 * and the same stored secrets (by their SHA-256, never themselves). Another refresh token, a new
 * client secret or another scope mints anew. Settings that need a fresh proof on every request
 * (a CI token) are never cached.
 */
export async function cacheKey(cfg: TokenConfig): Promise<string | undefined> {
  if (cfg.ciAudience || cfg.assertion?.kind === 'federated') return undefined;
  // Loaded here, not at the top: a pipeline run, which keeps no tokens, never loads node:crypto.
  const { createHash } = await import('node:crypto');
  const fingerprint = (s: string) => (s ? createHash('sha256').update(s).digest('hex') : '');
  const binding = JSON.stringify([
    'oauth-token cache v1',
    cfg.tokenUrl.href,
    cfg.clientId,
    cfg.grantType,
    cfg.scope,
    cfg.audience,
    cfg.resources,
    cfg.extraParams,
    fingerprint(cfg.refreshToken),
    fingerprint(cfg.clientSecret),
    cfg.assertion?.signing ? fingerprint(JSON.stringify(cfg.assertion.signing.key)) : '',
  ]);
  return createHash('sha256').update(binding).digest('hex').slice(0, 40);
}

/** Whether a kept token may be handed out: its margin left, and `minSeconds` more if asked. */
export function usable(t: CachedToken, now: number, minSeconds = 0): boolean {
  return t.expiresAt - now >= reuseMarginMs(t) + minSeconds * 1000;
}

export function toCached(t: TokenResult, now: number): CachedToken | undefined {
  if (!t.expiresAt) return undefined;
  return {
    accessToken: t.accessToken,
    tokenType: t.tokenType,
    authorization: t.authorization,
    expiresAt: t.expiresAt.getTime(),
    mintedAt: now,
    scope: t.scope,
    apiDomain: t.apiDomain,
  };
}

export function fromCached(t: CachedToken, now: number): TokenResult {
  return {
    accessToken: t.accessToken,
    tokenType: t.tokenType,
    authorization: t.authorization,
    expiresIn: Math.max(0, Math.floor((t.expiresAt - now) / 1000)),
    expiresAt: new Date(t.expiresAt),
    scope: t.scope,
    apiDomain: t.apiDomain,
    notes: [],
    warnings: [],
    reused: true,
  };
}

/** A value read from a store, checked field by field: a store's file is data, not trusted. */
export function parseCached(value: unknown): CachedToken | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const num = (k: string) => (typeof v[k] === 'number' && Number.isFinite(v[k]) ? v[k] : undefined);
  const accessToken = str('accessToken');
  const tokenType = str('tokenType');
  const authorization = str('authorization');
  const expiresAt = num('expiresAt');
  const mintedAt = num('mintedAt');
  const scope = str('scope');
  if (!accessToken || tokenType === undefined || !authorization || scope === undefined)
    return undefined;
  if (expiresAt === undefined || mintedAt === undefined) return undefined;
  const apiDomain = str('apiDomain');
  // The grammar a token answer and an envelope are held to (response.ts): a kept token reaches
  // the same outputs and log lines.
  const fields = { accessToken, tokenType, scope, authorization, apiDomain: apiDomain ?? '' };
  if (storedTokenProblems(fields).length) return undefined;
  return { accessToken, tokenType, authorization, expiresAt, mintedAt, scope, apiDomain };
}
