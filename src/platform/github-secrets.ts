/**
 * GitHub Actions secrets as a store for the refresh token: a repository, environment or
 * organisation secret, written through the REST API with a token that may write secrets (a
 * GitHub App installation token or a fine-grained token; the job's GITHUB_TOKEN cannot). The
 * value is sealed for the secret store's public key with libsodium's sealed box (seal.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Inputs } from '../core/inputs.js';
import { restCall, type RestLimits } from '../core/net/rest.js';
import type { Runtime } from '../core/runtime.js';
import { t } from '../core/text.js';
import { sealBox } from '../core/writeback/seal.js';
import { type SecretStore, storeError } from '../core/writeback/store.js';

export type GithubScope = 'repository' | 'environment' | 'organization';

export interface GithubTarget {
  apiUrl: string;
  /** `owner/repo`: the run's repository. */
  repository: string;
  scope: GithubScope;
  environment: string;
  name: string;
  token: string;
  /** The input that holds the token, for messages. */
  tokenLabel: string;
}

/** GitHub's rule for secret names: letters, digits and underscores, not starting with a digit or GITHUB_. */
export function validSecretName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^GITHUB_/i.test(name);
}

/**
 * The GitHub secret named by `refresh-token-secret`, as this step's GitHub inputs say where it
 * is (its scope, environment, and a token that may write it).
 */
export function githubSecretStore(
  run: { apiUrl: string; repository: string },
  name: string,
  inputs: Inputs,
  setSecret: (value: string) => void,
  rt: Runtime,
  limits: RestLimits,
): SecretStore {
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
  setSecret(token);
  return new GithubSecretStore(
    { ...run, scope, environment, name, token, tokenLabel: inputs.label('secrets-token') },
    rt,
    limits,
  );
}

/** Pages of selected repositories read at most (100 each): GitHub's own limits are far lower. */
const MAX_REPOSITORY_PAGES = 200;

export class GithubSecretStore implements SecretStore {
  readonly where: string;
  /** How to store the value by hand; for an organisation secret, with its visibility and repositories once read. */
  byHand: string;
  private key?: { key_id: string; key: string };
  /** Organisation secrets: visibility and selected repositories, sent back unchanged. */
  private orgSettings?: Record<string, unknown>;
  private readonly base: string;

  constructor(
    private readonly target: GithubTarget,
    private readonly rt: Runtime,
    private readonly limits: RestLimits,
  ) {
    const [owner] = target.repository.split('/');
    const api = target.apiUrl.replace(/\/+$/, '');
    const enc = encodeURIComponent;
    this.base =
      target.scope === 'organization'
        ? `${api}/orgs/${enc(owner!)}/actions/secrets`
        : target.scope === 'environment'
          ? `${api}/repos/${target.repository}/environments/${enc(target.environment)}/secrets`
          : `${api}/repos/${target.repository}/actions/secrets`;
    this.where =
      target.scope === 'organization'
        ? `organisation secret ${target.name} of ${owner}`
        : target.scope === 'environment'
          ? `secret ${target.name} of environment ${target.environment} in ${target.repository}`
          : `repository secret ${target.name} of ${target.repository}`;
    const flag =
      target.scope === 'organization'
        ? ` --org ${owner}`
        : target.scope === 'environment'
          ? ` --env ${target.environment} --repo ${target.repository}`
          : ` --repo ${target.repository}`;
    this.byHand = `gh secret set ${target.name}${flag} (paste the value when asked)`;
  }

  private call(
    method: 'GET' | 'PUT' | 'DELETE',
    path: string,
    what: string,
    body?: unknown,
    accept?: number[],
  ) {
    return restCall(this.rt, this.limits, {
      method,
      url: new URL(`${this.base}${path}`),
      authorization: `Bearer ${this.target.token}`,
      headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
      body,
      what,
      accept,
      explain: (status) => this.explain(status, what),
    });
  }

  private explain(status: number, what: string): string | undefined {
    const L = this.target.tokenLabel;
    const perm =
      this.target.scope === 'organization'
        ? 'the organisation permission Secrets: Read and write'
        : this.target.scope === 'environment'
          ? // GitHub's reference for environment secrets names both permissions.
            'the repository permissions Environments: Read and write and Secrets: Read and write (GitHub asks for both for environment secrets)'
          : 'the repository permission Secrets: Read and write';
    if (status === 401)
      return t`GitHub refused the token in ${L}: it expired or was revoked. Give a current GitHub App installation token or fine-grained token.`;
    if (status === 403 || status === 404)
      return t`The token in ${L} may not write the ${this.where}, or cannot see it (GitHub answers 404 to tokens without access): a fine-grained token or GitHub App needs ${perm}; the job's GITHUB_TOKEN cannot write secrets.`;
    if (status === 422 && what.startsWith('write check'))
      return t`GitHub refused to create the temporary check secret beside the ${this.where}: the most likely cause is GitHub's limit on the number of secrets (100 per repository or environment, 1,000 per organisation). Delete a secret that is no longer used, or check the scope.`;
    if (status === 422)
      return 'GitHub refused the request as invalid: check the secret name and its scope.';
    return undefined;
  }

  private async publicKey(): Promise<{ key_id: string; key: string }> {
    if (this.key) return this.key;
    const { json } = await this.call('GET', '/public-key', 'public key request');
    const key_id = typeof json?.key_id === 'string' ? json.key_id : '';
    const key = typeof json?.key === 'string' ? json.key : '';
    if (!key_id || !/^[A-Za-z0-9+/]{43}=$/.test(key)) {
      throw storeError(
        t`GitHub's answer for the public key of the ${this.where} holds no usable key.`,
      );
    }
    this.key = { key_id, key };
    return this.key;
  }

  async preflight(): Promise<void> {
    await this.publicKey();
    const name = encodeURIComponent(this.target.name);
    const { status, json } = await this.call('GET', `/${name}`, 'secret lookup', undefined, [404]);
    if (status === 404) {
      throw storeError(
        t`The ${this.where} does not exist (or the token cannot see it). Write-back updates the secret that holds the refresh token: create it first (${this.byHand}) and pass the same secret to the step.`,
      );
    }
    if (this.target.scope === 'organization') await this.readOrgSettings(name, json);
    // Proving the token may write, without touching the secret itself: another run may store
    // its successor meanwhile, and rewriting the value read here would undo that. A check
    // secret beside it is written and deleted (same scope, same permission).
    const check = `OAUTH_TOKEN_ACTION_CHECK_${randomBytes(6).toString('hex').toUpperCase()}`;
    await this.put(check, randomBytes(16).toString('hex'), 'write check (a temporary secret)');
    try {
      await this.call('DELETE', `/${check}`, 'write check cleanup', undefined, [404]);
    } catch (e) {
      this.leftover = t`The temporary secret ${check} (a random value, not a secret) could not be deleted: delete it by hand. ${e instanceof Error ? e.message : ''}`;
    }
  }

  /**
   * An organisation secret's visibility and, when it is shared with selected repositories,
   * every one of them (all pages): a write sends them back, and a list cut short would take
   * the secret away from the rest. A list that cannot be read whole is refused here, before
   * anything is spent.
   */
  private async readOrgSettings(name: string, secret: Record<string, unknown> | undefined) {
    const visibility = typeof secret?.visibility === 'string' ? secret.visibility : 'private';
    const settings: Record<string, unknown> = { visibility };
    const [owner] = this.target.repository.split('/');
    let repos = '';
    if (visibility === 'selected') {
      const ids: number[] = [];
      const names: string[] = [];
      let total = 0;
      for (let page = 1; page <= MAX_REPOSITORY_PAGES; page++) {
        const { json } = await this.call(
          'GET',
          `/${name}/repositories?per_page=100&page=${page}`,
          'selected repositories lookup',
        );
        total = typeof json?.total_count === 'number' ? json.total_count : -1;
        const list = Array.isArray(json?.repositories) ? json.repositories : [];
        for (const r of list as Array<{ id?: unknown; name?: unknown }>) {
          if (typeof r.id !== 'number') continue;
          ids.push(r.id);
          if (typeof r.name === 'string' && /^[A-Za-z0-9._-]+$/.test(r.name)) names.push(r.name);
        }
        if (list.length < 100 || ids.length >= total) break;
      }
      if (total < 0 || ids.length !== total) {
        throw storeError(
          t`GitHub listed ${ids.length} of the ${total < 0 ? 'unknown number of' : total} repositories that may use the ${this.where}: a write sends the list back whole, so storing a new value would take the secret away from the others. Nothing was spent; check the token's access to the organisation's secrets.`,
        );
      }
      settings.selected_repository_ids = ids;
      repos = names.length === ids.length ? ` --repos ${names.join(',')}` : '';
    }
    this.orgSettings = settings;
    this.byHand = `gh secret set ${this.target.name} --org ${owner} --visibility ${visibility}${repos} (paste the value when asked${visibility === 'selected' && !repos ? '; then select its repositories again in the organisation settings' : ''})`;
  }

  /** A warning the step should pass on, if the write check left something behind. */
  leftover?: string;

  async write(value: string): Promise<void> {
    await this.put(this.target.name, value, 'secret update');
  }

  private async put(name: string, value: string, what: string): Promise<void> {
    const { key_id, key } = await this.publicKey();
    const encrypted_value = await sealBox(value, key);
    await this.call('PUT', `/${encodeURIComponent(name)}`, what, {
      encrypted_value,
      key_id,
      // An organisation secret keeps its visibility and repositories; the check secret is private.
      ...(name === this.target.name
        ? this.orgSettings
        : this.orgSettings && { visibility: 'private' }),
    });
  }
}
