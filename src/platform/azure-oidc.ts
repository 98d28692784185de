/**
 * Azure Pipelines' OIDC token for this job: System.OidcRequestUri with the job's access token,
 * a token for the pipeline itself (subject `p://org/project/pipeline`), or with
 * `serviceConnectionId` for a service connection of the workload identity scheme (subject
 * `sc://org/project/name`), as Azure DevOps' own tasks and other extensions' connection types
 * ask for one. Azure DevOps fixes the audience as api://AzureADTokenExchange: the step checks it
 * first, through the adapter's idTokenAudienceProblem. Loaded only by jobs that use federated
 * authentication.
 */
import { ciTokenOf } from '../core/oauth/ci-token.js';
import { StepError } from '../core/errors.js';
import { restCall, type RestLimits } from '../core/net/rest.js';
import type { Runtime } from '../core/runtime.js';

export interface AzureOidc {
  url?: string;
  accessToken?: string;
  /** A workload identity connection to ask the token for; absent: the pipeline's. */
  serviceConnectionId?: string;
}

export async function azureIdToken(
  src: AzureOidc,
  audience: string,
  rt: Runtime,
  limits: RestLimits,
): Promise<string> {
  if (!src.url || !src.accessToken) {
    throw new StepError(
      'input',
      'This agent offers no OIDC token (System.OidcRequestUri is not set, or the job may not use System.AccessToken): use an Azure DevOps Services agent job, and in a classic release set "Allow scripts to access the OAuth token".',
    );
  }
  const url = new URL(src.url);
  url.searchParams.set('api-version', '7.1');
  if (src.serviceConnectionId) url.searchParams.set('serviceConnectionId', src.serviceConnectionId);
  const { json } = await restCall(rt, limits, {
    method: 'POST',
    url,
    authorization: `Bearer ${src.accessToken}`,
    // Without it, Azure DevOps may answer with a sign-in redirect instead of a status.
    headers: { 'x-tfs-fedauthredirect': 'Suppress' },
    body: {},
    what: 'OIDC token request',
    explain: (status) =>
      status === 401 || status === 403
        ? 'Azure DevOps refused the request for an OIDC token with the job access token (System.AccessToken).'
        : undefined,
  });
  return ciTokenOf(json?.oidcToken, 'Azure DevOps');
}
