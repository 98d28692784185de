/**
 * An Azure DevOps variable group as a store for the refresh token: its secret variable is
 * replaced through the REST API with the job's access token (System.AccessToken). The API
 * replaces a group whole, and returns secret values as null; a null sent back keeps the stored
 * value, so every other variable is sent back exactly as read.
 */
import type { Inputs } from '../core/inputs.js';
import { restCall, type RestLimits } from '../core/net/rest.js';
import type { Runtime } from '../core/runtime.js';
import { serverText, t } from '../core/text.js';
import { type SecretStore, storeError } from '../core/writeback/store.js';

/**
 * Which identity a job runs as: the project's build service when "Limit job authorization scope
 * to current project" is on (the default for new projects), the collection's when it is off and
 * in classic release pipelines (Microsoft Learn: "Job access tokens", "Scoped build identities").
 */
const BUILD_IDENTITY =
  'That is "<project> Build Service (<organisation>)" when "Limit job authorization scope to current project" is on (Project settings > Pipelines > Settings; the default), and "Project Collection Build Service (<organisation>)" when it is off and in classic release pipelines.';

export interface AzureTarget {
  collectionUri: string;
  projectId: string;
  /** The group's name, or its numeric id. */
  group: string;
  variable: string;
  accessToken: string;
}

/**
 * The secret variable named by `refresh-token-secret` in the variable group this step's
 * `refresh-token-variable-group` names. With a service connection, the write-back inputs are
 * its owner's (core/input-policy.ts): the platform refused them before this point.
 */
export function variableGroupStore(
  run: { collectionUri: string; projectId: string; accessToken: string },
  name: string,
  inputs: Inputs,
  rt: Runtime,
  limits: RestLimits,
): SecretStore {
  const group = inputs.str('refresh-token-variable-group');
  if (!group) {
    throw inputs.error(
      'refresh-token-variable-group',
      t`is required to write ${inputs.label('refresh-token-secret')}`,
      'give the variable group (its name or id) that holds the refresh token',
    );
  }
  return new VariableGroupStore({ ...run, group, variable: name }, rt, limits);
}

const API_VERSION = '7.1';

export class VariableGroupStore implements SecretStore {
  readonly where: string;
  readonly byHand: string;
  private groupId?: number;
  private readonly org: string;

  constructor(
    private readonly target: AzureTarget,
    private readonly rt: Runtime,
    private readonly limits: RestLimits,
  ) {
    this.org = target.collectionUri.replace(/\/?$/, '/');
    this.where = `secret variable ${target.variable} of variable group ${target.group}`;
    this.byHand = `Pipelines > Library > ${target.group} > ${target.variable}: paste the value, keep it secret (the lock icon), Save`;
  }

  private call(method: 'GET' | 'PUT', url: string, what: string, body?: unknown) {
    return restCall(this.rt, this.limits, {
      method,
      url: new URL(url),
      authorization: `Bearer ${this.target.accessToken}`,
      body,
      what,
      explain: (status) => this.explain(status),
    });
  }

  private explain(status: number): string | undefined {
    if (status === 401)
      return 'The job access token (System.AccessToken) was refused: check that the job may use it (it is off for classic release jobs unless "Allow scripts to access the OAuth token" is set).';
    if (status === 403)
      return t`The build identity may not change variable group ${this.target.group}: give the job's build identity the Administrator role on it (Pipelines > Library > ${this.target.group} > Security). ${BUILD_IDENTITY}`;
    if (status === 404)
      return t`Variable group ${this.target.group} was not found in this project.`;
    return undefined;
  }

  /** The group as the API returns it (secret values null). */
  private async read(): Promise<Record<string, unknown>> {
    const project = encodeURIComponent(this.target.projectId);
    const byId = /^\d+$/.test(this.target.group);
    const url = byId
      ? `${this.org}${project}/_apis/distributedtask/variablegroups/${this.target.group}?api-version=${API_VERSION}`
      : `${this.org}${project}/_apis/distributedtask/variablegroups?groupName=${encodeURIComponent(this.target.group)}&api-version=${API_VERSION}`;
    const { json } = await this.call('GET', url, 'variable group read');
    const group = byId
      ? json
      : Array.isArray(json?.value)
        ? (json.value as Array<Record<string, unknown>>).find((g) => g.name === this.target.group)
        : undefined;
    if (!group || typeof group.id !== 'number') {
      throw storeError(
        t`Variable group ${this.target.group} was not found in this project, or the build identity cannot read it: check its name, and give the job's build identity the Administrator role on it (Pipelines > Library > Security). ${BUILD_IDENTITY}`,
      );
    }
    this.groupId = group.id;
    return group;
  }

  private async put(value: string | null, what: string): Promise<void> {
    const group = await this.read();
    const variables = (group.variables ?? {}) as Record<string, Record<string, unknown>>;
    const next: Record<string, Record<string, unknown>> = {};
    for (const [k, v] of Object.entries(variables)) {
      // A secret comes back as null (or without a value): null keeps what is stored.
      next[k] = v.isSecret ? { ...v, value: null } : v;
    }
    if (value !== null) next[this.target.variable] = { value, isSecret: true };
    const body = {
      name: group.name,
      description: group.description,
      type: group.type ?? 'Vsts',
      providerData: group.providerData,
      variables: next,
      variableGroupProjectReferences: group.variableGroupProjectReferences,
    };
    await this.call(
      'PUT',
      `${this.org}_apis/distributedtask/variablegroups/${this.groupId}?api-version=${API_VERSION}`,
      what,
      body,
    );
  }

  async preflight(): Promise<void> {
    if (!this.target.accessToken) {
      throw storeError(
        'The job access token (System.AccessToken) is not available to the task: in a classic release job, set "Allow scripts to access the OAuth token" on the agent job.',
      );
    }
    const group = await this.read();
    if (group.type && group.type !== 'Vsts') {
      throw storeError(
        t`Variable group ${this.target.group} is linked to ${serverText(group.type)} (Key Vault): its values are managed there, not through this API. Use a group of the project's own variables.`,
      );
    }
    const v = ((group.variables ?? {}) as Record<string, { isSecret?: boolean }>)[
      this.target.variable
    ];
    if (!v) {
      throw storeError(
        t`Variable group ${this.target.group} has no variable ${this.target.variable}. Write-back updates the variable that holds the refresh token: add it (secret) and pass it to the task.`,
      );
    }
    if (!v.isSecret) {
      throw storeError(
        t`Variable ${this.target.variable} of group ${this.target.group} is not secret: make it secret (the lock icon) before it holds a refresh token.`,
      );
    }
    // Writing the group back unchanged proves the build identity may change it; secrets go back
    // as null, which keeps whatever is stored when the write lands, even another run's successor.
    await this.put(null, 'variable group write check (nothing changed)');
  }

  async write(value: string): Promise<void> {
    await this.put(value, 'variable group update');
  }
}
