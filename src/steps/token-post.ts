/**
 * The token step's post step: remove the job token source (job-token), and revoke the access
 * token the main step minted, when asked (`revoke`), with what the main step saved in its state.
 */
import { DEFAULT_TIMEOUT_SECONDS } from '../core/oauth/token-config.js';
import { StepError } from '../core/errors.js';
import type { ClientAuth } from '../core/oauth/providers.js';
import { revokeAccessToken } from '../core/oauth/revoke.js';
import type { Runtime } from '../core/runtime.js';
import { t } from '../core/text.js';
import type { Platform } from '../platform/types.js';
import { maskSecretInputs, TOKEN_SECRET_INPUTS } from './mask.js';
import { JOB_SOURCE_STATE } from './job-token.js';

/** What the main step saves for this one. */
export const TOKEN_STATE = {
  revoke: 'revoke',
  token: 'access-token',
  expiresAt: 'expires-at',
  revokeUrl: 'revoke-url',
  clientAuth: 'client-auth',
  timeoutMs: 'timeout-ms',
} as const;

export async function tokenPost(p: Platform, rt: Runtime): Promise<void> {
  // First, whatever else follows or fails: nothing that can mint outlives the job.
  await removeJobSource(p);
  if (p.getState(TOKEN_STATE.revoke) !== 'true') return;
  const token = p.getState(TOKEN_STATE.token);
  if (!token) return;
  p.setSecret(token);
  maskSecretInputs(p, TOKEN_SECRET_INPUTS);
  const expiresAt = Number(p.getState(TOKEN_STATE.expiresAt));
  if (expiresAt && expiresAt <= rt.now() + 5000) {
    p.log.info('The access token has expired already; nothing to revoke.');
    return;
  }
  const revokeUrl = new URL(p.getState(TOKEN_STATE.revokeUrl));
  try {
    await revokeAccessToken(
      {
        revokeUrl,
        clientId: p.get('client-id').trim(),
        clientSecret: p.get('client-secret').trim(),
        clientAuth: (p.getState(TOKEN_STATE.clientAuth) || 'basic') as ClientAuth,
        accessToken: token,
        timeoutMs: Number(p.getState(TOKEN_STATE.timeoutMs)) || DEFAULT_TIMEOUT_SECONDS * 1000,
      },
      rt,
    );
    p.log.info(
      t`Revoked the access token this job minted (${revokeUrl.origin}${revokeUrl.pathname}). The stored refresh token was not touched.`,
    );
  } catch (e) {
    if (e instanceof StepError && e.kind === 'cancelled') throw e;
    const msg = e instanceof Error ? e.message : String(e);
    p.log.warning(t`Could not revoke the access token: ${msg} It stays valid until it expires.`);
  }
}

/** The job token source, removed; its code loads only when the main step made one. */
async function removeJobSource(p: Platform): Promise<void> {
  const dir = p.getState(JOB_SOURCE_STATE);
  if (!dir) return;
  const { removeSource } = await import('../core/job/source.js');
  const why = removeSource(dir);
  if (why) {
    p.log.warning(
      t`The job token source could not be removed (${why}). The runner empties its temporary folder when the job ends.`,
    );
  } else {
    p.log.info('Removed the job token source: later steps of this job can no longer mint.');
  }
}
