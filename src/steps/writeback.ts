/**
 * Write-back of a rotated refresh token: the inputs that say where the refresh token lives, and
 * the store for this platform (src/core/writeback/). The order that loses nothing is the token
 * step's: preflight before the old refresh token is spent, write before anything is exported.
 */
import type { TokenConfig } from '../core/config.js';
import type { Inputs } from '../core/inputs.js';
import type { Runtime } from '../core/runtime.js';
import { t } from '../core/text.js';
import type { SecretStore } from '../core/writeback/store.js';
import {
  type GithubScope,
  type StoreFactories,
  validSecretName,
} from '../core/writeback/targets.js';
import type { Platform } from '../platform/types.js';

/** The store the refresh token is written back to; undefined when write-back is off. */
export async function parseWriteBack(
  p: Platform,
  inputs: Inputs,
  cfg: TokenConfig,
  rt: Runtime,
  stores: StoreFactories,
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
  const api = p.ciApi?.();
  if (!api || !stores[api.kind]) {
    throw inputs.error(
      'refresh-token-secret',
      'is set, but this runner has no secret store this step can write',
      'use write-back in GitHub Actions or Azure Pipelines',
    );
  }
  const limits = {
    timeoutMs: cfg.timeoutMs,
    budgetMs: cfg.budgetMs,
    budgetLabel: cfg.label('max-retry-seconds'),
    secrets: () =>
      [cfg.refreshToken, cfg.clientSecret, inputs.str('secrets-token')].filter(Boolean),
  };
  if (api.kind === 'github') {
    if (!validSecretName(name)) {
      throw inputs.error(
        'refresh-token-secret',
        t`has the value '${name}', which is not a GitHub secret name`,
        'use letters, digits and underscores, not starting with a digit or GITHUB_, e.g. DATADOG_REFRESH_TOKEN',
      );
    }
    const scope = inputs.oneOf<GithubScope>(
      'refresh-token-secret-scope',
      ['repository', 'environment', 'organization'],
      'repository',
    );
    const environment = inputs.str('refresh-token-secret-environment');
    if (scope === 'environment' && !environment) {
      throw inputs.error(
        'refresh-token-secret-environment',
        t`is required when ${inputs.label('refresh-token-secret-scope')} is environment`,
        'give the environment whose secret holds the refresh token',
      );
    }
    const token = inputs.secret('secrets-token');
    if (!token) {
      throw inputs.error(
        'secrets-token',
        t`is required to write ${inputs.label('refresh-token-secret')}`,
        "pass a GitHub App installation token or a fine-grained token that may write secrets (the job's GITHUB_TOKEN cannot)",
      );
    }
    p.setSecret(token);
    return stores.github!(
      {
        apiUrl: api.apiUrl,
        repository: api.repository,
        scope,
        environment,
        name,
        token,
        tokenLabel: inputs.label('secrets-token'),
      },
      rt,
      limits,
    );
  }
  // With a service connection, the write-back inputs are its owner's (core/input-policy.ts):
  // the platform refused them before this point.
  const group = inputs.str('refresh-token-variable-group');
  if (!group) {
    throw inputs.error(
      'refresh-token-variable-group',
      t`is required to write ${inputs.label('refresh-token-secret')}`,
      'give the variable group (its name or id) that holds the refresh token',
    );
  }
  return stores.azure!(
    {
      collectionUri: api.collectionUri,
      projectId: api.projectId,
      group,
      variable: name,
      accessToken: api.accessToken,
    },
    rt,
    limits,
  );
}
