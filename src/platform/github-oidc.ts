/**
 * GitHub Actions' OIDC token for this job: the runner's endpoint (ACTIONS_ID_TOKEN_REQUEST_URL
 * and _TOKEN, which the runner sets only with `permissions: id-token: write`), with the audience
 * asked for. Loaded only by jobs that use federated authentication.
 */
import { ciTokenOf } from '../core/oauth/ci-token.js';
import { StepError } from '../core/errors.js';
import { restCall, type RestLimits } from '../core/net/rest.js';
import type { Runtime } from '../core/runtime.js';

export async function githubIdToken(
  env: NodeJS.ProcessEnv,
  setSecret: (v: string) => void,
  audience: string,
  rt: Runtime,
  limits: RestLimits,
): Promise<string> {
  const endpoint = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const token = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!endpoint || !token) {
    throw new StepError(
      'input',
      'This job may not request an OIDC token: the runner sets ACTIONS_ID_TOKEN_REQUEST_URL only with `permissions: id-token: write`. Add it to the workflow or the job (with the other permissions it needs, e.g. contents: read).',
    );
  }
  setSecret(token);
  const url = new URL(endpoint);
  if (audience) url.searchParams.set('audience', audience);
  const { json } = await restCall(rt, limits, {
    method: 'GET',
    url,
    authorization: `Bearer ${token}`,
    what: 'OIDC token request',
    explain: (status) =>
      status === 401 || status === 403
        ? 'The runner refused the request for an OIDC token: check `permissions: id-token: write`.'
        : undefined,
  });
  return ciTokenOf(json?.value, 'runner');
}
