/**
 * The CI platform's own OIDC token for this job, used as a client assertion (federated client
 * authentication) or as the grant (jwt-bearer, token-exchange), so no secret is stored at all.
 * - GitHub Actions: the runner's token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN, which
 *   the runner sets only with `permissions: id-token: write`), with the audience asked for.
 * - Azure Pipelines: System.OidcRequestUri with the job's access token: a token for the
 *   pipeline itself (subject `p://org/project/pipeline`), or with `serviceConnectionId` for a
 *   service connection of the workload identity scheme (subject `sc://org/project/name`), as
 *   Azure DevOps' own tasks and other extensions' connection types ask for one. Azure DevOps
 *   fixes the audience as api://AzureADTokenExchange.
 */
import { StepError } from './errors.js';
import { restCall, type RestLimits } from './rest.js';
import type { Runtime } from './runtime.js';
import { t } from './text.js';

export type IdTokenSource =
  | { kind: 'github'; url: string; token: string }
  | {
      kind: 'azure';
      url: string;
      accessToken: string;
      /**
       * A service connection to ask the token for (subject `sc://<org>/<project>/<name>`), as
       * Azure DevOps' own tasks and extensions' connection types do; absent: the pipeline's.
       */
      serviceConnectionId?: string;
    };

/** The audience Azure DevOps puts in every pipeline OIDC token. */
export const AZURE_DEVOPS_AUDIENCE = 'api://AzureADTokenExchange';

/**
 * Azure DevOps fixes the audience of its OIDC tokens: a server that wants another can never
 * accept them. Keycloak (26.6) accepts only its realm issuer as a federated assertion's
 * audience, so Keycloak federation cannot work from Azure Pipelines at all.
 */
export function azureAudienceProblem(
  audience: string,
  server?: { title: string; issuerOnly: boolean },
): StepError | undefined {
  if (!audience || audience === AZURE_DEVOPS_AUDIENCE) return undefined;
  if (server?.issuerOnly) {
    return new StepError(
      'input',
      t`${server.title} accepts only its own issuer URL (${audience}) as the audience of a CI token, and Azure DevOps issues OIDC tokens only for the audience ${AZURE_DEVOPS_AUDIENCE}: ${server.title} federation cannot work from Azure Pipelines. Use client-auth private-key-jwt there (the service connection's Private key scheme), or a client secret.`,
    );
  }
  return new StepError(
    'input',
    t`Azure DevOps issues OIDC tokens only for the audience ${AZURE_DEVOPS_AUDIENCE}, not ${audience}: configure the server to accept that audience, and leave the OIDC audience empty.`,
  );
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export async function requestCiToken(
  platform: 'github' | 'azure' | 'cli',
  src: IdTokenSource | undefined,
  audience: string,
  rt: Runtime,
  limits: RestLimits,
): Promise<string> {
  if (!src) {
    throw new StepError(
      'input',
      platform === 'github'
        ? 'This job may not request an OIDC token: the runner sets ACTIONS_ID_TOKEN_REQUEST_URL only with `permissions: id-token: write`. Add it to the workflow or the job (with the other permissions it needs, e.g. contents: read).'
        : platform === 'azure'
          ? 'This agent offers no OIDC token (System.OidcRequestUri is not set, or the job may not use System.AccessToken): use an Azure DevOps Services agent job, and in a classic release set "Allow scripts to access the OAuth token".'
          : "Federated authentication uses the CI platform's own OIDC token: it works in GitHub Actions and Azure Pipelines, not on a workstation.",
    );
  }
  if (src.kind === 'azure') {
    const problem = azureAudienceProblem(audience);
    if (problem) throw problem;
  }
  const what = 'OIDC token request';
  const explain = (status: number) =>
    src.kind === 'github'
      ? status === 401 || status === 403
        ? 'The runner refused the request for an OIDC token: check `permissions: id-token: write`.'
        : undefined
      : status === 401 || status === 403
        ? 'Azure DevOps refused the request for an OIDC token with the job access token (System.AccessToken).'
        : undefined;
  let value: unknown;
  if (src.kind === 'github') {
    const url = new URL(src.url);
    if (audience) url.searchParams.set('audience', audience);
    const { json } = await restCall(rt, limits, {
      method: 'GET',
      url,
      authorization: `Bearer ${src.token}`,
      what,
      explain,
    });
    value = json?.value;
  } else {
    const url = new URL(src.url);
    url.searchParams.set('api-version', '7.1');
    if (src.serviceConnectionId)
      url.searchParams.set('serviceConnectionId', src.serviceConnectionId);
    const { json } = await restCall(rt, limits, {
      method: 'POST',
      url,
      authorization: `Bearer ${src.accessToken}`,
      // Without it, Azure DevOps may answer with a sign-in redirect instead of a status.
      headers: { 'x-tfs-fedauthredirect': 'Suppress' },
      body: {},
      what,
      explain,
    });
    value = json?.oidcToken;
  }
  if (typeof value !== 'string' || !JWT.test(value)) {
    throw new StepError(
      'protocol',
      t`The ${src.kind === 'github' ? 'runner' : 'Azure DevOps'} answered the OIDC token request without a token.`,
    );
  }
  return value;
}

/** A CI token younger than this is used for the first attempt; any later one asks anew. */
const FRESH_MS = 60_000;

/**
 * CI tokens for the token request's attempts: the first is asked for at once, so that a job
 * that may not have one is told before anything else happens; each later attempt (and a first
 * one that waited for the machine lock) gets a new one, since servers refuse a CI token used
 * long after its iat (Keycloak: 300 s) or used twice (Keycloak: a reused jti).
 */
export async function freshCiTokens(
  rt: Runtime,
  request: () => Promise<string>,
): Promise<() => Promise<string>> {
  let first: { value: string; at: number } | undefined = { value: await request(), at: rt.now() };
  return async () => {
    const f = first;
    first = undefined;
    return f && rt.now() - f.at < FRESH_MS ? f.value : request();
  };
}
