/**
 * A GitHub deployment status for the deployment a gate decides: in_progress while it
 * evaluates, then success, failure or error. Sent to the runner's own API (GITHUB_API_URL) with
 * a token that may write deployments (the job's GITHUB_TOKEN with `deployments: write`).
 * Loaded only when deployment-id is set.
 */
import { restCall, type RestLimits } from '../core/net/rest.js';
import type { Runtime } from '../core/runtime.js';
import type { DeploymentStatus } from './types.js';

export async function postDeploymentStatus(
  run: { apiUrl: string; repository: string },
  deploymentId: string,
  token: string,
  status: DeploymentStatus,
  rt: Runtime,
  limits: RestLimits,
): Promise<void> {
  const [owner, repo] = run.repository.split('/');
  await restCall(rt, limits, {
    method: 'POST',
    url: new URL(
      `${run.apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(owner!)}/${encodeURIComponent(repo!)}/deployments/${deploymentId}/statuses`,
    ),
    authorization: `Bearer ${token}`,
    headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
    body: {
      state: status.state,
      // GitHub refuses descriptions over 140 characters.
      description: status.description.slice(0, 140),
      ...(status.logUrl ? { log_url: status.logUrl } : {}),
    },
    what: 'deployment status',
    explain: (s) =>
      s === 404
        ? 'No such deployment in this repository, or the token may not see it: pass the id of a deployment of this repository.'
        : s === 403 || s === 401
          ? 'The token may not write deployment statuses: give the job permissions deployments: write, and pass its token.'
          : undefined,
  });
}
