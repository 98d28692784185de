/**
 * The token step's side of the job token source (core/job/source.ts): whether it may be made,
 * the `job-token` input against the step's other settings, read on every run. Making it is
 * job-token-make.ts, loaded only when job-token is true; the post step removes it
 * (token-post.ts); the command that reads it is steps/job-read.ts.
 */
import type { Inputs } from '../core/inputs.js';
import type { TokenConfig } from '../core/oauth/token-config.js';
import { StepError } from '../core/errors.js';
import { t } from '../core/text.js';
import type { Platform } from '../platform/types.js';

/** Where the post step finds the source to remove. */
export const JOB_SOURCE_STATE = 'job-source';

/**
 * The job-token input, checked before anything is sent: true only where the step can leave a
 * source that re-mints without losing anything.
 */
export function parseJobToken(
  p: Platform,
  inputs: Inputs,
  settings: { cfg?: TokenConfig; envelope: boolean; revoke: boolean; writeBack: boolean },
): boolean {
  if (!inputs.bool('job-token', false)) return false;
  const label = inputs.label('job-token');
  if (settings.envelope) {
    throw inputs.error(
      'job-token',
      t`is true together with ${inputs.label('envelope')}: an opened envelope holds no credentials to mint again with`,
      t`set ${label} in the job that mints (the one with the credentials), or drop the envelope here`,
    );
  }
  if (settings.revoke) {
    throw inputs.error(
      'job-token',
      t`is true together with ${inputs.label('revoke')}: the post step revokes one token, and the job token source mints several`,
      t`set ${inputs.label('revoke')} to false; each token expires on its own`,
    );
  }
  const cfg = settings.cfg;
  if (
    cfg &&
    cfg.grantType === 'refresh_token' &&
    cfg.provider.mayRotateRefreshToken &&
    !settings.writeBack
  ) {
    throw inputs.error(
      'job-token',
      t`is true with the refresh_token grant of ${cfg.provider.title}, which may rotate refresh tokens, and without write-back: each new token of the job would spend the stored refresh token, and its successor would end with the job`,
      t`also set ${inputs.label('refresh-token-secret')} (write-back), so that every successor is stored`,
    );
  }
  if (!p.jobTemp || !p.handoffEnv || !p.addPath) {
    throw inputs.error(
      'job-token',
      'is true, but there is no job here to keep a token for',
      t`set ${label} only in a pipeline step`,
    );
  }
  if (!p.jobTemp()) {
    throw new StepError(
      'input',
      t`Input '${label}' is true, but the runner gives this job no temporary folder (${p.id === 'azure' ? 'Agent.TempDirectory' : 'RUNNER_TEMP'}): it is where the job token source lives, removed with the job.`,
    );
  }
  return true;
}
