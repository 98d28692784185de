/**
 * The Site24x7 client a step uses: the access token in use (given, or minted first or after a
 * 401) and the one mapping from a step's settings to the API client, for the main step and
 * the post step alike.
 */
import type { Runtime } from '../../core/runtime.js';
import { Site24x7Api, type TokenSource } from '../../core/site24x7/api.js';
import type { ApiConfig } from '../../core/site24x7/api-config.js';
import type { MaintenanceConfig } from '../../core/site24x7/config.js';
import { t } from '../../core/text.js';
import { fetchToken, requestSecrets } from '../../core/oauth/token.js';
import { Inputs, wordingOf } from '../../core/inputs.js';
import type { Platform } from '../../platform/types.js';
import { maskToken } from '../mask.js';
import { jobSourceDir, tokenFromJob } from '../../core/job/client.js';

/**
 * The access token in use: the one given, one from the job token source (core/job/client.ts),
 * or one minted (first, or after a 401).
 */
export class Tokens implements TokenSource {
  private token = '';
  expiresAt?: number;
  /** The token in use was a kept one (the command line's cache), not minted by this run. */
  reused = false;

  constructor(
    private readonly p: Platform,
    private readonly rt: Runtime,
    private readonly cfg: Pick<MaintenanceConfig, 'token'>,
    given: string,
    givenExpiresAt?: number,
    /** The job token source to ask, with how long the ask may take (jobAsk). */
    readonly job?: JobAsk,
  ) {
    this.token = given;
    this.expiresAt = givenExpiresAt;
    if (cfg.token) for (const s of requestSecrets(cfg.token)) p.setSecret(s);
    // A token the API refused: the source replaces it, unless another step already has.
    if (job) this.renew = () => this.fromJob(this.expiresAt);
    else if (cfg.token) this.renew = () => this.mint(true);
  }

  /**
   * A token from the job token source, valid now (with the source's own margin); `replace`,
   * the expiry of the token the API refused, has the source mint anew if it still keeps it.
   */
  async fromJob(replace?: number): Promise<string> {
    const job = this.job!;
    const got = await tokenFromJob(job.dir, this.rt, {
      minSeconds: 0,
      replace,
      limitMs: job.limitMs,
      onSecret: (s) => this.p.setSecret(s),
      onLine: (line) => this.p.log.debug(t`oauth-token-job: ${line}`),
    });
    this.token = got.accessToken;
    this.expiresAt = got.expiresAt;
    return this.token;
  }

  renew?: () => Promise<string>;

  current(): string {
    return this.token;
  }

  /** `renewing`: the API refused the token in use, so a kept one is not reused either. */
  async mint(renewing = false): Promise<string> {
    if (!this.cfg.token) throw new Error('no credentials to mint a token');
    const store = this.p.tokenStore;
    const t = await fetchToken(this.cfg.token, this.rt, {
      cache: store && { store, reuse: !renewing },
    });
    maskToken(this.p, t);
    this.token = t.accessToken;
    this.expiresAt = t.expiresAt?.getTime();
    this.reused = t.reused === true;
    return this.token;
  }

  async ready(): Promise<void> {
    if (!this.token) await (this.job ? this.fromJob() : this.mint());
  }
}

/** Where and how long to talk to Site24x7: from the inputs, or from the main step's state. */
export interface ApiSettings {
  apiRoot: URL;
  customerId?: string;
  timeoutMs: number;
  budgetMs: number;
}

/** The Site24x7 client for a step; `extraSecrets` are never to appear in a message either. */
export function apiClient(
  p: Platform,
  rt: Runtime,
  tokens: Tokens,
  s: ApiSettings,
  extraSecrets: string[] = [],
): Site24x7Api {
  return new Site24x7Api(
    {
      apiRoot: s.apiRoot,
      token: tokens,
      customerId: s.customerId || undefined,
      timeoutMs: s.timeoutMs,
      budgetMs: s.budgetMs,
      budgetLabel: p.label('max-retry-seconds'),
      refusedHint: refusedHint(p),
      secrets: () => [tokens.current(), ...extraSecrets].filter(Boolean),
    },
    rt,
  );
}

/** A Site24x7 API client for a step: the token given, or one minted (first, or after a 401). */
export async function connect(
  p: Platform,
  rt: Runtime,
  cfg: ApiConfig,
): Promise<{ api: Site24x7Api; tokens: Tokens }> {
  const tokens = new Tokens(p, rt, cfg, cfg.accessToken, undefined, jobOf(p, cfg));
  const api = apiClient(p, rt, tokens, cfg);
  await tokens.ready();
  p.log.info(
    t`Site24x7 API: ${cfg.apiRoot.origin}${cfg.apiRoot.pathname}${cfg.region ? ` (region ${cfg.region})` : ''}; ${cfg.accessToken ? 'using the access token given' : cfg.fromJob ? 'using an access token from the job token source' : tokens.reused ? 'using a kept access token' : 'using a freshly minted access token'}.`,
  );
  return { api, tokens };
}

/** A job token source to ask for tokens, and how long one ask may take. */
export interface JobAsk {
  dir: string;
  limitMs: number;
}

/** The source `dir`, asked within the step's limits: the command may mint, and retry as a mint here. */
export function jobAsk(dir: string, s: Pick<ApiSettings, 'timeoutMs' | 'budgetMs'>): JobAsk {
  return { dir, limitMs: s.budgetMs + 3 * s.timeoutMs };
}

/** The job token source to ask, when token-from-job is true: the one this job's token step left. */
export function jobOf(
  p: Platform,
  cfg: Pick<ApiConfig, 'fromJob' | 'timeoutMs' | 'budgetMs'>,
): JobAsk | undefined {
  if (!cfg.fromJob) return undefined;
  const dir = jobSourceDir();
  if (!dir) {
    throw new Inputs(p, p.log).error(
      'token-from-job',
      'is true, but this job has no job token source',
      t`set ${p.label('job-token')} to true on the token step earlier in this job (it exports OAUTH_TOKEN_JOB)`,
    );
  }
  return jobAsk(dir, cfg);
}

function refusedHint(p: Platform): string {
  const w = wordingOf(p);
  return t`Pass a fresh access token ${w.tokenSource}, or ${p.label('client-id')}, ${p.label('client-secret')} and ${p.label('refresh-token')} so ${w.self} can mint one.`;
}
