/**
 * What the main step leaves for its post step: the planned window (before it exists), its ID,
 * and how to reach Site24x7 again (the token is a secret state value).
 */
import { DEFAULT_TIMEOUT_SECONDS } from '../../core/oauth/token-config.js';
import { API_MAX_RETRY_SECONDS } from '../../core/site24x7/api-config.js';
import type { MaintenanceConfig } from '../../core/site24x7/config.js';
import type { Platform } from '../../platform/types.js';
import type { ApiSettings, Tokens } from './connect.js';

/** What the post step needs to end the window; the token is kept as a secret. */
export const STATE = {
  id: 'maintenance-id',
  planned: 'planned-window',
  token: 'access-token',
  tokenExpiresAt: 'token-expires-at',
  apiRoot: 'api-root',
  customerId: 'customer-id',
  endsAt: 'ends-at',
  timeoutMs: 'timeout-ms',
  budgetMs: 'budget-ms',
  /** The job token source the post step asks for a fresh token (token-from-job). */
  jobSource: 'job-source',
} as const;

export function saveConnection(
  p: Platform,
  cfg: MaintenanceConfig,
  tokens: Tokens,
  endsAt: number,
): void {
  p.saveState(STATE.token, tokens.current(), { secret: true });
  p.saveState(STATE.tokenExpiresAt, tokens.expiresAt ? String(tokens.expiresAt) : '');
  p.saveState(STATE.apiRoot, cfg.apiRoot.href);
  p.saveState(STATE.customerId, cfg.customerId);
  p.saveState(STATE.endsAt, String(endsAt));
  p.saveState(STATE.timeoutMs, String(cfg.timeoutMs));
  p.saveState(STATE.budgetMs, String(cfg.budgetMs));
  if (tokens.job) p.saveState(STATE.jobSource, tokens.job.dir);
}

/** The connection saveConnection() left, with the defaults where a value is missing. */
export function savedSettings(p: Platform): ApiSettings {
  return {
    apiRoot: new URL(p.getState(STATE.apiRoot)),
    customerId: p.getState(STATE.customerId) || undefined,
    timeoutMs: Number(p.getState(STATE.timeoutMs)) || DEFAULT_TIMEOUT_SECONDS * 1000,
    budgetMs: Number(p.getState(STATE.budgetMs)) || API_MAX_RETRY_SECONDS * 1000,
  };
}
