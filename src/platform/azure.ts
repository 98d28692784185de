/** The Azure Pipelines adapter, over azure-pipelines-task-lib. */
import { agentEnv } from './azure-env.js'; // must stay the first import: see azure-env.ts
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tl from './task-lib.js';
import { InputError, StepError } from '../core/errors.js';
import type { TransportOptions } from '../core/http.js';
import { proxyAgent } from './proxy.js';
import { SecretRegistry } from './secrets.js';
import type { Platform } from './types.js';

/** `client-id` -> `clientId`: task.json names. */
export function camel(key: string): string {
  return key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Settings a service connection supplies; the task's own inputs for them are ignored then. */
const FROM_CONNECTION = [
  'provider',
  'region',
  'token-url',
  'revoke-url',
  'api-url',
  'grant-type',
  'client-id',
  'client-secret',
  'refresh-token',
  'client-auth',
  'client-assertion-key',
  'client-assertion-certificate',
];

/**
 * Addresses that receive a connection's secrets or a token minted from them. A service
 * connection is a secured resource: its owner, not the pipeline author, decides where they go.
 * So with a connection these come only from it (its provider and region, or its own fields),
 * and a task input that would send them elsewhere is refused.
 */
const PINNED = ['token-url', 'revoke-url', 'api-url'];

/** Auth parameters of the connection type's schemes (see task/vss-extension.json). */
const SCHEMES: Record<
  string,
  {
    grant: string;
    id: string;
    secret?: string;
    refresh?: string;
    /** The private key scheme: private_key_jwt, no client secret. */
    key?: string;
    certificate?: string;
  }
> = {
  token: {
    grant: 'refresh_token',
    id: 'clientid',
    secret: 'clientsecret',
    refresh: 'refreshtoken',
  },
  usernamepassword: { grant: 'client_credentials', id: 'username', secret: 'password' },
  certificate: {
    grant: 'client_credentials',
    id: 'clientid',
    key: 'privatekey',
    certificate: 'certificate',
  },
};

export interface AzureOptions {
  /** Name of the task input holding the service connection (empty: none). */
  connectionInput?: string;
}

function envInput(key: string): string {
  return agentEnv[`INPUT_${camel(key).toUpperCase()}`] ?? '';
}

export function azurePlatform(opts: AzureOptions = {}): Platform {
  const secrets = new SecretRegistry();
  const clean = (m: string) => secrets.clean(m);
  const setSecret = (v: string) => {
    for (const form of secrets.add(v)) tl.setSecret(form);
  };

  // Mask before anything else is written: every connection auth parameter, the saved access
  // token of a post-job step, and the agent's proxy password. (Secret inputs are masked by the
  // step itself, first thing, on every platform: maskSecretInputs.)
  for (const [name, value] of Object.entries(agentEnv)) {
    if (
      /^(ENDPOINT_AUTH_PARAMETER_.*_(CLIENTSECRET|REFRESHTOKEN|PASSWORD|PRIVATEKEY)|VSTS_TASKVARIABLE_ACCESSTOKEN|SECRET_AGENT_PROXYPASSWORD)$/.test(
        name,
      )
    ) {
      setSecret(value.trim());
    }
  }

  /**
   * The job's access token (System.AccessToken), as the agent gives every task: the
   * SystemVssConnection endpoint, masked before it is handed out. Not
   * tl.getEndpointAuthorizationParameter: it would print it.
   */
  const jobAccessToken = (): string => {
    const token = agentEnv.ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN ?? '';
    if (token) setSecret(token);
    return token;
  };

  const connectionId = opts.connectionInput ? envInput(opts.connectionInput).trim() : '';
  let connection: Record<string, string> | undefined;
  const fromConnection = (key: string): string => {
    if (!connection) {
      const scheme = tl.getEndpointAuthorizationScheme(connectionId).toLowerCase();
      const s = SCHEMES[scheme];
      // Not tl.getEndpointAuthorizationParameter: it prints the raw value to the debug log.
      const param = (p: string | undefined) =>
        p ? (agentEnv[`ENDPOINT_AUTH_PARAMETER_${connectionId}_${p.toUpperCase()}`] ?? '') : '';
      const data = (d: string) => tl.getEndpointDataParameter(connectionId, d);
      connection = {
        provider: data('provider'),
        region: data('region'),
        'token-url': data('tokenUrl'),
        'revoke-url': data('revokeUrl'),
        'api-url': data('apiUrl'),
        'grant-type': s?.grant ?? '',
        'client-id': param(s?.id),
        'client-secret': param(s?.secret),
        'refresh-token': param(s?.refresh),
        'client-auth': s?.key ? 'private-key-jwt' : envInput('client-auth'),
        'client-assertion-key': param(s?.key),
        'client-assertion-certificate': param(s?.certificate),
        scope: data('scope'),
      };
      if (!s) {
        throw new StepError(
          'input',
          `Input 'connection' does not give OAuth client credentials (authentication scheme '${scheme || 'none'}'): choose a service connection of type 'OAuth 2.0 client', with the Refresh token, Client credentials or Private key scheme.`,
        );
      }
    }
    return connection[key] ?? '';
  };

  return {
    id: 'azure',
    get(key) {
      if (connectionId && PINNED.includes(key) && envInput(key).trim()) {
        throw new InputError(
          camel(key),
          'is set, but this task uses a service connection, whose secrets and the tokens minted from them go only where the connection says',
          `remove ${camel(key)} from the task: the connection's provider and region give the address, or its owner can set it in the connection`,
        );
      }
      if (connectionId && FROM_CONNECTION.includes(key)) return fromConnection(key);
      const own = envInput(key);
      if (connectionId && key === 'scope' && !own.trim()) return fromConnection('scope');
      return own;
    },
    label: (key) =>
      connectionId && FROM_CONNECTION.includes(key)
        ? `${camel(key)} (from the service connection)`
        : camel(key),
    log: secrets.logger({
      debug: tl.debug,
      info: (m) => console.log(m),
      notice: (m) => console.log(m),
      warning: tl.warning,
    }),
    setSecret,
    outputName: (key) => `the ${camel(key)} output variable`,
    setOutput: (key, value, o) => tl.setVariable(camel(key), value, o?.secret ?? false, true),
    exportVariable: (name, value, o) => tl.setVariable(name, value, o?.secret ?? false, false),
    saveState: (key, value, o) => tl.setTaskVariable(camel(key), value, o?.secret ?? false),
    getState: (key) => (agentEnv[`VSTS_TASKVARIABLE_${camel(key).toUpperCase()}`] ?? '').trim(),
    async writeSummary(markdown) {
      const dir = tl.getVariable('Agent.TempDirectory');
      if (!dir) return;
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `oauth-token-action-summary-${process.pid}.md`);
      writeFileSync(file, clean(markdown));
      // Titled with the summary's first heading, not its file name.
      tl.addSummary(/^#+\s*(.+)$/m.exec(markdown)?.[1]?.trim() ?? 'Summary', file);
    },
    fail: (m) => tl.setFailed(clean(m)),
    transport(): TransportOptions {
      const caFile = tl.getVariable('Agent.CAInfo');
      const skip = (tl.getVariable('Agent.SkipCertValidation') ?? '').toLowerCase() === 'true';
      if (skip)
        tl.warning(
          'Agent.SkipCertValidation is true: TLS certificates of the token endpoint are not checked.',
        );
      const ca = caFile ? readFileSync(caFile) : undefined;
      return {
        tls: { ca, rejectUnauthorized: skip ? false : undefined },
        agentFor: async (url) => {
          const proxy = tl.agentProxyFor(url.href);
          if (!proxy) return undefined;
          // From our snapshot, not task-lib's getter, which prints the value to the debug log.
          const password = agentEnv.SECRET_AGENT_PROXYPASSWORD;
          if (password) setSecret(password);
          return proxyAgent(
            url,
            { url: new URL(proxy.url), username: proxy.username, password },
            { ca, rejectUnauthorized: skip ? false : undefined },
          );
        },
      };
    },
    idTokenSource: () => {
      const url = tl.getVariable('System.OidcRequestUri');
      const accessToken = jobAccessToken();
      if (!url || !accessToken) return undefined;
      return { kind: 'azure', url, accessToken };
    },
    ciApi: () => {
      const collectionUri = tl.getVariable('System.CollectionUri');
      const projectId = tl.getVariable('System.TeamProjectId');
      if (!collectionUri || !projectId) return undefined;
      return { kind: 'azure', collectionUri, projectId, accessToken: jobAccessToken() };
    },
    runInfo: () => {
      const collection = tl.getVariable('System.CollectionUri');
      const project = tl.getVariable('System.TeamProject');
      const buildId = tl.getVariable('Build.BuildId');
      return {
        source:
          [
            project,
            tl.getVariable('Build.DefinitionName') ?? tl.getVariable('Release.DefinitionName'),
          ]
            .filter(Boolean)
            .join('/') || undefined,
        run: tl.getVariable('Build.BuildNumber') ?? tl.getVariable('Release.ReleaseName'),
        url:
          collection && project && buildId
            ? `${collection.replace(/\/?$/, '/')}${encodeURIComponent(project)}/_build/results?buildId=${buildId}`
            : undefined,
        sha: tl.getVariable('Build.SourceVersion'),
        binding: envelopeBinding(
          tl.getVariable('System.CollectionId'),
          tl.getVariable('System.TeamProjectId'),
          buildId,
        ),
      };
    },
  };
}

/**
 * Azure DevOps' envelope binding: the organisation (collection) and project ids, and the build
 * id, which a classic release also sees as its primary artifact's build.
 */
function envelopeBinding(collectionId?: string, projectId?: string, buildId?: string) {
  return collectionId && projectId && buildId
    ? { scope: `azure:${collectionId}/${projectId}`, run: buildId }
    : undefined;
}
