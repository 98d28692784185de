/** The Azure Pipelines adapter, over azure-pipelines-task-lib. */
import { readAgentEnv } from './azure-env.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tl from './task-lib.js';
import { azureAudienceProblem } from '../core/oauth/ci-token.js';
import { InputError, StepError } from '../core/errors.js';
import { inputRule } from '../core/input-policy.js';
import type { TransportOptions } from '../core/net/http.js';
import { proxyAgent } from './proxy.js';
import { t } from '../core/text.js';
import { SecretRegistry } from './secrets.js';
import type { Platform } from './types.js';

/** `client-id` -> `clientId`: task.json names. */
export function camel(key: string): string {
  return key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

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
    /**
     * The workload identity scheme: no secret at all; the assertion is an OIDC token Azure
     * DevOps issues for this connection (subject `sc://<org>/<project>/<connection>`).
     */
    federated?: boolean;
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
  // ms.vss-endpoint.endpoint-auth-scheme-none, as the agent names it.
  none: { grant: 'client_credentials', id: 'clientid', federated: true },
};

export interface AzureOptions {
  /** Name of the task input holding the service connection (empty: none). */
  connectionInput?: string;
  /**
   * A provider's own connection input by the prefix of the inputs it governs
   * (`{'pagerduty-': 'pagerduty-connection'}`): with it set, those inputs are its owner's.
   */
  providerConnections?: Readonly<Record<string, string>>;
  /**
   * The variable-group store, for the token step's write-back: given only by that entry point,
   * loaded when write-back is on.
   */
  secretStores?: () => Promise<typeof import('./azure-variable-group.js')>;
  /**
   * Run from a script step (the job token command): a failure is an error line and the exit
   * code, never task.complete, which would end the calling script's task.
   */
  script?: boolean;
}

/**
 * What a script step lacks to replay a task's settings: the task's inputs, the agent's, system
 * and build variables the adapter reads (the OIDC request, write-back's project, proxy and
 * certificates), the agent's proxy password, and the endpoints it names (below). Nothing else:
 * no other secret variable of the job.
 */
const HANDOFF = /^(INPUT_|AGENT_|SYSTEM_|BUILD_|RELEASE_|RESOURCES_)|^SECRET_AGENT_PROXYPASSWORD$/;

type Env = Readonly<Record<string, string>>;

/**
 * The inputs a service connection gives (by the token step's input names), read once. With
 * `provider`, the connection must be one for that provider (a PagerDuty connection for the
 * pagerduty-* inputs).
 */
function connectionReader(
  agentEnv: Env,
  connectionId: string,
  input: string,
  provider?: string,
): (key: string) => string {
  let connection: Record<string, string> | undefined;
  return (key) => {
    if (!connection) {
      const scheme = tl.getEndpointAuthorizationScheme(connectionId).toLowerCase();
      const s = SCHEMES[scheme];
      // Not tl.getEndpointAuthorizationParameter: it prints the raw value to the debug log.
      const param = (p: string | undefined) =>
        p ? (agentEnv[`ENDPOINT_AUTH_PARAMETER_${connectionId}_${p.toUpperCase()}`] ?? '') : '';
      const data = (d: string) => tl.getEndpointDataParameter(connectionId, d);
      if (!s) {
        throw new StepError(
          'input',
          t`Input '${camel(input)}' does not give OAuth client credentials (authentication scheme '${scheme || 'none'}'): choose a service connection of type 'OAuth 2.0 client', with the Refresh token, Client credentials, Private key or Workload identity scheme.`,
        );
      }
      if (provider && data('provider').toLowerCase() !== provider) {
        throw new StepError(
          'input',
          t`Input '${camel(input)}' is a connection for provider '${data('provider') || 'generic'}': choose an 'OAuth 2.0 client' connection with provider ${provider}.`,
        );
      }
      connection = {
        provider: data('provider'),
        region: data('region'),
        tenant: data('tenant'),
        domain: data('domain'),
        'authorization-server': data('authorizationServer'),
        'base-url': data('baseUrl'),
        realm: data('realm'),
        'token-url': data('tokenUrl'),
        'revoke-url': data('revokeUrl'),
        'api-url': data('apiUrl'),
        'grant-type': s.grant ?? '',
        'client-id': param(s.id),
        'client-secret': param(s.secret),
        'refresh-token': param(s.refresh),
        'client-auth': s.key ? 'private-key-jwt' : s.federated ? 'federated' : data('clientAuth'),
        'client-assertion-key': param(s.key),
        'client-assertion-certificate': param(s.certificate),
        scope: data('scope'),
        'job-token': data('jobToken'),
      };
    }
    return connection[key] ?? '';
  };
}

export function azurePlatform(opts: AzureOptions = {}): Platform {
  // The agent's environment as it was given, copied before task-lib's load takes the secrets
  // out of it (azure-env.ts); then that load, before any other task-lib call.
  const { agentEnv, stepEnv } = readAgentEnv();
  tl.loadAgentData();
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

  /** A task input as the agent gave it (INPUT_<NAME>), from our copy of the environment. */
  const input = (key: string) => agentEnv[`INPUT_${camel(key).toUpperCase()}`] ?? '';
  const connectionId = opts.connectionInput ? input(opts.connectionInput).trim() : '';
  const connectionScheme = () =>
    SCHEMES[tl.getEndpointAuthorizationScheme(connectionId).toLowerCase()];
  const mainConnection = connectionReader(
    agentEnv,
    connectionId,
    opts.connectionInput ?? 'connection',
  );
  // A provider's own connection (pagerdutyConnection) governs that provider's inputs
  // (pagerduty-*), and only those; every other input is the main connection's to govern.
  const providerConnections = Object.entries(opts.providerConnections ?? {}).map(
    ([prefix, name]) => ({
      prefix,
      input: name,
      id: input(name).trim(),
      read: connectionReader(agentEnv, input(name).trim(), name, prefix.replace(/-$/, '')),
    }),
  );
  const governing = (key: string) => {
    const pc = providerConnections.find((c) => key.startsWith(c.prefix) && key !== c.input);
    return pc
      ? { id: pc.id, base: key.slice(pc.prefix.length), read: pc.read }
      : { id: connectionId, base: key, read: mainConnection };
  };

  return {
    id: 'azure',
    /**
     * With a connection, every input is the owner's or the pipeline's (core/input-policy.ts):
     * the owner's come only from the connection, and a task that sets one is refused before
     * anything is read from the connection or sent anywhere.
     */
    get(key) {
      const g = governing(key);
      if (!g.id) return input(key);
      const fromConnection = (k: string) => g.read(k === key ? g.base : k);
      const rule = inputRule(key);
      const own = input(key);
      if (rule.class === 'pipeline') {
        return rule.connectionDefault && !own.trim() ? fromConnection(key) : own;
      }
      const set = own.trim().toLowerCase();
      if (set && !rule.unset?.includes(set)) {
        throw new InputError(
          camel(key),
          t`is set, but this task uses a service connection, and with a connection its owner decides this input (it ${rule.why})`,
          rule.fix ??
            t`remove ${camel(key)} from the task; the connection's owner sets it in the service connection (Project settings > Service connections)`,
          `Input '${camel(key)}'`,
        );
      }
      return fromConnection(key);
    },
    owned: (key) => !!governing(key).id && inputRule(key).class === 'owner',
    label: (key) =>
      governing(key).id && inputRule(key).class === 'owner'
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
      tl.addSummary(attachmentName(/^#+\s*(.+)$/m.exec(markdown)?.[1] ?? ''), file);
    },
    fail: (m) => {
      if (!opts.script) return tl.setFailed(clean(m));
      tl.error(clean(m));
      process.exitCode = 1;
    },
    jobTemp: () => tl.getVariable('Agent.TempDirectory') || undefined,
    // The task's own connections, and the job's access token (SystemVssConnection) only when a
    // later mint needs it (a CI token, write-back): a script step is not given it otherwise.
    handoffEnv: (needs) => {
      const ids = [connectionId, ...providerConnections.map((c) => c.id)].filter(Boolean);
      if (needs?.jobAccessToken) ids.push('SYSTEMVSSCONNECTION');
      const endpoint = (k: string) =>
        k.startsWith('ENDPOINT_') &&
        ids.some((id) => {
          const ID = id.toUpperCase();
          return k.endsWith(`_${ID}`) || k.includes(`_${ID}_`);
        });
      // System.AccessToken mapped into the task's environment: the same token, the same rule.
      const jobToken = (k: string) => k.toUpperCase() === 'SYSTEM_ACCESSTOKEN';
      return Object.fromEntries(
        Object.entries(stepEnv).filter(
          ([k]) =>
            (HANDOFF.test(k) && (!jobToken(k) || needs?.jobAccessToken)) ||
            endpoint(k.toUpperCase()),
        ),
      );
    },
    addPath: (dir) => tl.prependPath(dir),
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
    // A pipeline resource's run that triggered this one (resources.pipelines ... trigger):
    // the agent names its alias, and that resource's run id.
    triggeringRun: () => {
      if ((tl.getVariable('Resources.TriggeringCategory') ?? '').toLowerCase() !== 'pipeline')
        return undefined;
      const alias = tl.getVariable('Resources.TriggeringAlias') ?? '';
      const run = alias ? tl.getVariable(`Resources.Pipeline.${alias}.RunID`) : undefined;
      return run && /^\d+$/.test(run)
        ? { run, how: t`the pipeline resource '${alias}' whose run triggered this one` }
        : undefined;
    },
    requestIdToken: async (audience, rt, limits) => {
      const { azureIdToken } = await import('./azure-oidc.js');
      // A connection with the workload identity scheme: a token for the connection itself.
      const serviceConnectionId =
        connectionId && connectionScheme()?.federated ? connectionId : undefined;
      const src = {
        url: tl.getVariable('System.OidcRequestUri'),
        accessToken: jobAccessToken(),
        serviceConnectionId,
      };
      return azureIdToken(src, audience, rt, limits);
    },
    triggerHint: (runInput) =>
      t`open an envelope of another pipeline in a run that its completion triggered (a pipeline resource with a trigger), with ${runInput} set to $(resources.pipeline.<alias>.runID)`,
    idTokenAudienceProblem: (audience, server) => azureAudienceProblem(audience, server),
    ...(opts.secretStores
      ? {
          // Read when write-back is on, not on every run (task-lib logs each variable read).
          secretStore: async (name: string, inputs, rt, limits) => {
            const collectionUri = tl.getVariable('System.CollectionUri');
            const projectId = tl.getVariable('System.TeamProjectId');
            if (!collectionUri || !projectId) return undefined;
            return (await opts.secretStores!()).variableGroupStore(
              { collectionUri, projectId, accessToken: jobAccessToken() },
              name,
              inputs,
              rt,
              limits,
            );
          },
        }
      : {}),
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
 * An attachment's name as every agent accepts it: the agent refuses a name with a character
 * that is not allowed in a file name on its OS, and fails the step for it. Windows forbids
 * `" < > | : * ? \ /` and control characters, so a title such as "Site24x7 health gate:
 * passed" failed every gate on a Windows agent. Those characters become ` - ` (a colon) or
 * `-`, and the name is kept short.
 */
export function attachmentName(title: string): string {
  const name = title
    .replace(/\s*:\s*/g, ' - ')
    // eslint-disable-next-line no-control-regex
    .replace(/["<>|*?\\/\u0000-\u001f]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100)
    .trim();
  return name || 'Summary';
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
