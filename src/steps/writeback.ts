/**
 * Write-back of a rotated refresh token: the inputs every platform shares, then the platform's
 * own store (Platform.secretStore), which reads its own inputs. The order that loses nothing is
 * the token step's: preflight before the old refresh token is spent, write before anything is
 * exported.
 */
import type { TokenConfig } from '../core/oauth/token-config.js';
import type { Inputs } from '../core/inputs.js';
import type { Runtime } from '../core/runtime.js';
import { t } from '../core/text.js';
import type { SecretStore } from '../core/writeback/store.js';
import type { Platform } from '../platform/types.js';

/** The store the refresh token is written back to; undefined when write-back is off. */
export async function parseWriteBack(
  p: Platform,
  inputs: Inputs,
  cfg: TokenConfig,
  rt: Runtime,
): Promise<SecretStore | undefined> {
  const name = inputs.str('refresh-token-secret');
  if (!name) {
    // (The scope has a default, so it is always set on GitHub.)
    const stray = [
      'refresh-token-secret-environment',
      'secrets-token',
      'refresh-token-variable-group',
    ].find((k) => inputs.str(k));
    if (stray) {
      throw inputs.error(
        stray,
        t`is set, but ${inputs.label('refresh-token-secret')} is empty`,
        t`set ${inputs.label('refresh-token-secret')} to the name of the secret that holds the refresh token, or remove ${inputs.label(stray)}`,
      );
    }
    return undefined;
  }
  if (cfg.grantType !== 'refresh_token') {
    throw inputs.error(
      'refresh-token-secret',
      t`is set, but the grant is ${cfg.grantType}, which has no refresh token to store`,
      t`remove ${inputs.label('refresh-token-secret')}`,
    );
  }
  const limits = {
    timeoutMs: cfg.timeoutMs,
    budgetMs: cfg.budgetMs,
    budgetLabel: cfg.label('max-retry-seconds'),
    secrets: () =>
      [cfg.refreshToken, cfg.clientSecret, inputs.str('secrets-token')].filter(Boolean),
  };
  // Where the secret lives is the platform's: its own inputs say (adapters' secretStore).
  const store = await p.secretStore?.(name, inputs, rt, limits);
  if (!store) {
    throw inputs.error(
      'refresh-token-secret',
      'is set, but this runner has no secret store this step can write',
      'use write-back in GitHub Actions or Azure Pipelines',
    );
  }
  return store;
}
