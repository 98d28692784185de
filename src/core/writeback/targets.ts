/**
 * Where a rotated refresh token is written back, per platform, as the step's inputs say. The
 * stores themselves (github.ts, azure.ts) are handed to the token step by its entry point, so
 * only the bundle that can write a GitHub secret carries the sealing code.
 */
import type { Runtime } from '../runtime.js';
import type { RestLimits } from '../rest.js';
import type { SecretStore } from './store.js';

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

export interface AzureTarget {
  collectionUri: string;
  projectId: string;
  /** The group's name, or its numeric id. */
  group: string;
  variable: string;
  accessToken: string;
}

/** How an entry point builds the store of its platform. */
export interface StoreFactories {
  github?: (target: GithubTarget, rt: Runtime, limits: RestLimits) => Promise<SecretStore>;
  azure?: (target: AzureTarget, rt: Runtime, limits: RestLimits) => Promise<SecretStore>;
}

/** GitHub's rule for secret names: letters, digits and underscores, not starting with a digit or GITHUB_. */
export function validSecretName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^GITHUB_/i.test(name);
}
