/**
 * The token step: read inputs through the platform, mint a token with the core (or open a
 * shared one), mask it, publish it. Its post step is in token-post.ts.
 */
import { parseTokenConfig, type TokenConfig } from '../core/oauth/token-config.js';
import { StepError } from '../core/errors.js';
import { Inputs } from '../core/inputs.js';
import type { TokenResult } from '../core/oauth/response.js';
import type { SecretStore } from '../core/writeback/store.js';
import type { Runtime } from '../core/runtime.js';
import { formatSeconds, isoSeconds, t } from '../core/text.js';
import { apiDomainOutput, fetchToken, requestSecrets } from '../core/oauth/token.js';
import { bindingText } from '../core/envelope/rules.js';
import type { SharedToken } from '../core/envelope/sealing.js';
import type { Platform } from '../platform/types.js';
import { openShared, parseShare, publishEnvelope, type ShareSettings } from './share.js';
import { maskSecretInputs, maskToken, TOKEN_SECRET_INPUTS } from './mask.js';
import { TOKEN_STATE } from './token-post.js';
import { parseWriteBack } from './writeback.js';
import { parseJobToken } from './job-token.js';

/** Variables a step must never overwrite for the steps after it. */
const PROTECTED_ENV =
  /^(GITHUB_|RUNNER_|ACTIONS_|INPUT_|STATE_|SYSTEM_|AGENT_|BUILD_|ENDPOINT_|SECRET_)|^(PATH|NODE_OPTIONS|HOME|LD_PRELOAD|LD_LIBRARY_PATH|BASH_ENV|ENV)$/i;

export function parseExportEnv(inputs: Inputs): string {
  const name = inputs.str('export-env');
  if (!name) return '';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw inputs.error(
      'export-env',
      t`has the value '${name}', which is not a valid environment variable name`,
      'use letters, digits and underscores, not starting with a digit, e.g. API_TOKEN',
    );
  }
  if (PROTECTED_ENV.test(name)) {
    throw inputs.error(
      'export-env',
      t`names '${name}', a variable the runner or the system relies on`,
      'choose another name, e.g. API_TOKEN',
    );
  }
  return name;
}

/**
 * The opening of everything that mints: secret inputs masked, the settings parsed, and every
 * form the request carries its secrets in registered, before anything is written.
 */
export function openTokenStep(p: Platform): { inputs: Inputs; cfg: TokenConfig } {
  maskSecretInputs(p, TOKEN_SECRET_INPUTS);
  const inputs = new Inputs(p, p.log);
  return { inputs, cfg: mintConfig(p, inputs, false) };
}

/**
 * The token step. The write-back store is the platform's (Platform.secretStore, see
 * steps/writeback.ts), given only to the entry points that write back.
 */
export async function tokenMain(p: Platform, rt: Runtime): Promise<void> {
  maskSecretInputs(p, TOKEN_SECRET_INPUTS);
  const inputs = new Inputs(p, p.log);
  const share = parseShare(inputs, p);
  const revoke = inputs.bool('revoke', false);
  const exportEnv = parseExportEnv(inputs);
  if (revoke && share) {
    throw inputs.error(
      'revoke',
      t`is true together with ${inputs.label('share-key')}: the post step would revoke the token that other jobs share`,
      t`set ${inputs.label('revoke')} to false when sharing; the token expires on its own`,
    );
  }

  const writeBack = !!inputs.str('refresh-token-secret');
  if (share?.envelope) {
    parseJobToken(p, inputs, { envelope: true, revoke, writeBack });
    // Credentials matter only when minting instead is allowed; then they are checked first.
    const fallback = share.mintOnFailure ? mintConfig(p, inputs, false) : undefined;
    const opened = await openShared(p, share, rt.now());
    if ('token' in opened) {
      publishToken(p, opened.token, exportEnv);
      p.setOutput('token-envelope', share.envelope);
      p.log.info(
        t`Opened the token envelope sealed for ${bindingText(share.binding)}: no request was sent.`,
      );
      return;
    }
    p.log.warning(
      t`${opened.reason.message} Minting a token instead, as ${inputs.label('mint-if-envelope-fails')} is true.`,
    );
    await mint(p, rt, { inputs, cfg: fallback!, exportEnv, revoke: false, share });
    return;
  }
  const cfg = mintConfig(p, inputs, revoke);
  const jobToken = parseJobToken(p, inputs, { cfg, envelope: false, revoke, writeBack });
  const token = await mint(p, rt, { inputs, cfg, exportEnv, revoke, share });
  if (jobToken) {
    const { makeJobSource } = await import('./job-token-make.js');
    makeJobSource(p, rt, token, { jobAccessToken: !!cfg.ciAudience || writeBack });
  }
}

/** Before the current refresh token is spent: can its successor be stored? */
export async function preflight(p: Platform, store: SecretStore): Promise<void> {
  p.log.info(
    t`Write-back: checking that a new refresh token can be stored in the ${store.where} before the current one is spent.`,
  );
  try {
    await store.preflight();
  } catch (e) {
    if (!(e instanceof StepError) || e.kind === 'cancelled') throw e;
    throw new StepError(
      e.kind,
      t`${e.message} Nothing was spent: no token was requested, and the refresh token is unchanged.`,
      e.facts,
    );
  }
  if (store.leftover) p.log.warning(store.leftover);
}

/**
 * A new refresh token, from the moment the server answers with one: the old one may be dead
 * then, so the new one is masked and put in the refresh-token output at once, and every later
 * failure (a refused field, a crash, a failed write, a cancellation) keeps it and says where.
 */
class Rotation {
  value?: string;
  stored = false;
  private explained = new WeakSet<object>();

  constructor(
    private readonly p: Platform,
    private readonly store: SecretStore | undefined,
  ) {}

  answered(refreshToken: string): void {
    this.p.setSecret(refreshToken);
    this.value = refreshToken;
    this.p.setOutput('refresh-token', refreshToken, { secret: true });
  }

  /** A write-back that failed: the step fails loudly and says how to recover. */
  writeFailed(e: unknown): unknown {
    if (e instanceof StepError && e.kind === 'cancelled') return e;
    const why = e instanceof Error ? e.message : String(e);
    const err = new StepError(
      e instanceof StepError ? e.kind : 'server',
      t`The server rotated the refresh token, and storing the new one in the ${this.store!.where} failed: ${why} The stored refresh token may no longer work. ${this.recovery()}`,
      e instanceof StepError ? e.facts : {},
    );
    this.explained.add(err);
    return err;
  }

  /** Any failure after the answer: the same failure, saying where the new refresh token is. */
  async rescue(e: unknown): Promise<unknown> {
    if (!this.value || (typeof e === 'object' && e !== null && this.explained.has(e))) return e;
    const step = e instanceof StepError ? e : undefined;
    // A store that was not written yet gets one try, unless the run is being cancelled.
    if (this.store && !this.stored && step?.kind !== 'cancelled') {
      try {
        await this.store.write(this.value);
        this.stored = true;
      } catch {
        /* said below: the output still holds it */
      }
    }
    const what = step
      ? step.message
      : t`Unexpected error (please report it): ${e instanceof Error ? e.message : String(e)}`;
    const kept = this.stored
      ? t`The server had already issued a new refresh token; it is stored in the ${this.store!.where}, and in ${this.p.outputName('refresh-token')} (masked).`
      : t`The server had already issued a new refresh token, and the stored one may no longer work. ${this.recovery()}`;
    return new StepError(step?.kind ?? 'server', t`${what} ${kept}`, step?.facts ?? {});
  }

  private recovery(): string {
    const byHand = this.store ? t` (${this.store.byHand})` : '';
    return t`Recover before the next run: the new value is in ${this.p.outputName('refresh-token')} (masked), readable by a later step of this job that runs on failure; store it${byHand}. If it is lost, issue a new refresh token at the provider and store that.`;
  }
}

/** The token settings for a mint, checked, with every secret form of the request registered. */
function mintConfig(p: Platform, inputs: Inputs, revoke: boolean): TokenConfig {
  const cfg = parseTokenConfig(inputs);
  for (const s of requestSecrets(cfg)) p.setSecret(s);
  if (revoke && cfg.grantType === 'refresh_token') {
    // RFC 7009 s2.1: a server may revoke the refresh token along with the access token
    // (oidc-provider does). The stored refresh token must survive every run.
    throw inputs.error(
      'revoke',
      'is true with the refresh_token grant, and revoking the access token may also revoke the stored refresh token (RFC 7009 s2.1 allows servers to do so)',
      t`set ${inputs.label('revoke')} to false; the access token expires on its own. Revocation is offered for client_credentials tokens`,
    );
  }
  if (revoke && cfg.assertion) {
    throw inputs.error(
      'revoke',
      t`is true with ${inputs.label('client-auth')} ${cfg.assertion.kind}`,
      t`set ${inputs.label('revoke')} to false: revocation is offered for clients that authenticate with a secret; the token expires on its own`,
    );
  }
  if (revoke && !cfg.revokeUrl) {
    throw inputs.error(
      'revoke',
      t`is true, but ${cfg.provider.title} has no revocation endpoint`,
      t`set ${inputs.label('revoke-url')} to the server's RFC 7009 endpoint, or set ${inputs.label('revoke')} to false`,
    );
  }
  return cfg;
}

/** What a mint is asked to do, beside the platform and the runtime. */
interface MintRequest {
  inputs: Inputs;
  cfg: TokenConfig;
  /** The variable later steps get the token in ('' for none). */
  exportEnv: string;
  revoke: boolean;
  share: ShareSettings | undefined;
}

async function mint(p: Platform, rt: Runtime, request: MintRequest): Promise<TokenResult> {
  const { inputs, cfg, exportEnv, revoke, share } = request;
  if (cfg.ciAudience) {
    // Before anything is sent: a platform may never issue a token this server accepts.
    const problem = p.idTokenAudienceProblem?.(cfg.ciAudience, {
      title: cfg.provider.title,
      issuerOnly: cfg.provider.federatedAudience === 'issuer',
    });
    if (problem) throw problem;
  }
  const store = await parseWriteBack(p, inputs, cfg, rt);
  if (store) await preflight(p, store);
  const ciToken = await ciTokenSource(p, rt, cfg);
  const rotation = new Rotation(p, store);
  try {
    const token = await answered({
      p,
      rt,
      inputs,
      cfg,
      exportEnv,
      share,
      store,
      rotation,
      ciToken,
    });
    if (revoke && cfg.revokeUrl) saveRevocation(p, cfg, cfg.revokeUrl, token);
    return token;
  } catch (e) {
    throw await rotation.rescue(e);
  }
}

/**
 * With a CI audience (keyless): a new CI token for each attempt, from the platform, registered
 * as a secret before it is used. Undefined otherwise.
 */
export async function ciTokenSource(
  p: Platform,
  rt: Runtime,
  cfg: TokenConfig,
): Promise<(() => Promise<string>) | undefined> {
  const audience = cfg.ciAudience;
  if (!audience) return undefined;
  const ci = await import('../core/oauth/ci-token.js');
  return ci.freshCiTokens(rt, async () => {
    const v = await p.requestIdToken(audience, rt, {
      timeoutMs: cfg.timeoutMs,
      budgetMs: cfg.budgetMs,
      budgetLabel: cfg.label('max-retry-seconds'),
      secrets: () => requestSecrets(cfg),
    });
    p.setSecret(v);
    return v;
  });
}

interface Mint {
  p: Platform;
  rt: Runtime;
  inputs: Inputs;
  cfg: TokenConfig;
  exportEnv: string;
  share?: ShareSettings;
  store?: SecretStore;
  /** Keeps a new refresh token whatever fails after the answer. */
  rotation: Rotation;
  ciToken?: () => Promise<string>;
}

/** From the request to the outputs. */
async function answered(m: Mint): Promise<TokenResult> {
  const { p, rt, inputs, cfg, exportEnv, share, store, rotation, ciToken } = m;
  let token: TokenResult;
  try {
    token = await fetchToken(cfg, rt, {
      ciToken,
      onSecret: (s) => p.setSecret(s),
      assertions: () => import('../core/oauth/assertion.js'),
      onRotated: (r) => rotation.answered(r),
      cache: p.tokenStore && { store: p.tokenStore, reuse: true },
    });
  } catch (e) {
    if (store && e instanceof StepError && e.facts.oauthError === 'invalid_grant') {
      throw new StepError(
        e.kind,
        t`${e.message} With write-back on, the likely cause is another run that rotated the refresh token at the same time and stored its own successor: run the job again (it reads the current ${store.where}); if that fails too, issue a new refresh token and store it. Serialise the runs that share one refresh token (GitHub: a concurrency group; Azure Pipelines: an exclusive lock check).`,
        e.facts,
      );
    }
    throw e;
  }

  // Mask everything secret before any output, log line or state is written.
  maskToken(p, token);

  // Write first, then export: a rotated refresh token must be stored before anything else.
  if (token.newRefreshToken && store) {
    try {
      await store.write(token.newRefreshToken);
    } catch (e) {
      throw rotation.writeFailed(e);
    }
    rotation.stored = true;
    p.log.info(
      t`Write-back: the server rotated the refresh token; the new one is stored in the ${store.where}.`,
    );
  } else if (store) {
    p.log.info(
      t`Write-back: the server did not rotate the refresh token; the ${store.where} is unchanged.`,
    );
  }

  const shared: SharedToken = {
    accessToken: token.accessToken,
    authorization: token.authorization,
    tokenType: token.tokenType,
    expiresIn: token.expiresIn,
    expiresAt: token.expiresAt,
    scope: token.scope,
    apiDomain: apiDomainOutput(cfg, token),
  };
  for (const note of token.notes) p.log.info(note);
  for (const warning of token.warnings) p.log.warning(warning);
  publishToken(p, shared, exportEnv);
  if (token.newRefreshToken && !store) {
    p.log.warning(
      t`The server issued a new refresh token (rotation): the one stored in ${inputs.label('refresh-token')} may stop working. Store the new value from ${p.outputName('refresh-token')} (masked) before the next run, or let the step store it: ${inputs.label('refresh-token-secret')} (write-back).`,
    );
  }
  if (share) await publishEnvelope(p, share, shared, rt.now());
  return token;
}

/** After a mint: what the post step needs to revoke the token. */
function saveRevocation(p: Platform, cfg: TokenConfig, revokeUrl: URL, token: TokenResult): void {
  p.saveState(TOKEN_STATE.revoke, 'true');
  p.saveState(TOKEN_STATE.token, token.accessToken, { secret: true });
  p.saveState(TOKEN_STATE.expiresAt, token.expiresAt ? String(token.expiresAt.getTime()) : '');
  p.saveState(TOKEN_STATE.revokeUrl, revokeUrl.href);
  p.saveState(TOKEN_STATE.clientAuth, cfg.clientAuth);
  p.saveState(TOKEN_STATE.timeoutMs, String(cfg.timeoutMs));
}

/** The outputs and export of a token, minted or opened from an envelope: the same either way. */
function publishToken(p: Platform, token: SharedToken, exportEnv: string): void {
  // The scheme word of the Authorization value (`Bearer`, `Zoho-oauthtoken`), for the log.
  const scheme = token.authorization.split(' ')[0] || 'Bearer';
  const expiresAt = token.expiresAt ? isoSeconds(token.expiresAt) : '';
  p.setOutput('access-token', token.accessToken, { secret: true });
  p.setOutput('authorization', token.authorization, { secret: true });
  p.setOutput('token-type', token.tokenType);
  p.setOutput('expires-in', token.expiresIn === undefined ? '' : String(token.expiresIn));
  p.setOutput('expires-at', expiresAt);
  p.setOutput('scope', token.scope);
  p.setOutput('api-domain', token.apiDomain);
  if (exportEnv) p.exportVariable(exportEnv, token.accessToken, { secret: true });
  const life =
    token.expiresIn === undefined
      ? 'no stated expiry'
      : `valid ${formatSeconds(token.expiresIn * 1000)}, until ${expiresAt}`;
  p.log.info(
    t`Got a ${token.tokenType || 'bearer'} token (${life}${token.scope ? `; scope ${token.scope}` : ''}). Send it as 'Authorization: ${scheme} <token>'.` +
      (exportEnv ? t` Exported to later steps as ${exportEnv}.` : ''),
  );
}
