/**
 * Sharing one minted token with the other jobs of a run: the share inputs, the producer's
 * envelope and the consumer's opening of it (see core/envelope/sealing.ts for the format).
 */
import { type Binding, bindingText, shareKeyProblem } from '../core/envelope/rules.js';
import type { EnvelopeError, SharedToken } from '../core/envelope/sealing.js';
import type { Inputs } from '../core/inputs.js';
import { isoSeconds, t } from '../core/text.js';
import type { Platform } from '../platform/types.js';

export const DEFAULT_MIN_REMAINING_SECONDS = 300;

export interface ShareSettings {
  shareKey: string;
  binding: Binding;
  /** The consumer's envelope ('' for a producer). */
  envelope: string;
  minRemainingMs: number;
  /** Consumer: mint with the given credentials when the envelope does not open. */
  mintOnFailure: boolean;
}

/** The share inputs, checked; undefined when no share key is given (the usual mint). */
export function parseShare(inputs: Inputs, p: Platform): ShareSettings | undefined {
  const shareKey = inputs.secret('share-key');
  const envelope = inputs.str('envelope');
  const mintOnFailure = inputs.bool('mint-if-envelope-fails', false);
  const minRemainingMs = inputs.seconds(
    'min-remaining-seconds',
    DEFAULT_MIN_REMAINING_SECONDS,
    0,
    24 * 3600,
  );
  if (!shareKey) {
    if (envelope) {
      throw inputs.error(
        'share-key',
        t`is required to open ${inputs.label('envelope')}`,
        'pass the same share key secret the producing job used',
      );
    }
    if (mintOnFailure) {
      throw inputs.error(
        'mint-if-envelope-fails',
        t`is true, but there is no ${inputs.label('envelope')} to open`,
        t`set ${inputs.label('envelope')} and ${inputs.label('share-key')}, or remove it`,
      );
    }
    return undefined;
  }
  const problem = shareKeyProblem(shareKey);
  if (problem) {
    throw inputs.error(
      'share-key',
      t`${problem}; an envelope may be read by anyone who can read the run's outputs, so the key must be 32 or more random bytes, encoded`,
      'generate one with `openssl rand -base64 32` and store it as a secret',
    );
  }
  const own = p.runInfo().binding;
  const runOverride = inputs.str('envelope-run-id');
  if (runOverride && !/^[0-9A-Za-z._-]{1,64}$/.test(runOverride)) {
    throw inputs.error(
      'envelope-run-id',
      t`has the value '${runOverride}', which is not a run id`,
      'give the producing run id (digits), e.g. from the pipeline resource or the workflow_run event',
    );
  }
  if (runOverride && runOverride !== own?.run) {
    // Any workflow of the repository holds the share key; a run id it merely names would let
    // it open any run's envelope (another branch's, a protected environment's). Only the run
    // the runner says triggered this one is accepted.
    const trigger = p.triggeringRun?.();
    if (trigger?.run !== runOverride) {
      throw inputs.error(
        'envelope-run-id',
        trigger
          ? t`is ${runOverride}, but this run was triggered by run ${trigger.run} (${trigger.how})`
          : t`is ${runOverride}, but nothing proves this run was triggered by that run`,
        p.triggerHint?.(inputs.label('envelope-run-id')) ??
          'open an envelope of another run only in a run that its completion triggered',
      );
    }
  }
  if (!own) {
    throw inputs.error(
      'share-key',
      'is set, but this runner does not say which repository and run this is, which an envelope is bound to',
      'use token envelopes in GitHub Actions or Azure Pipelines runs',
    );
  }
  return {
    shareKey,
    binding: { scope: own.scope, run: runOverride || own.run },
    envelope,
    minRemainingMs,
    mintOnFailure,
  };
}

/** Producer: seal the minted token and publish it as the (unmasked) token-envelope output. */
export async function publishEnvelope(
  p: Platform,
  share: ShareSettings,
  token: SharedToken,
  now: number,
): Promise<void> {
  const { sealEnvelope } = await import('../core/envelope/sealing.js');
  const { envelope, expires } = sealEnvelope(token, share.shareKey, share.binding, now);
  p.setOutput('token-envelope', envelope);
  p.log.info(
    t`Sealed the token for the other jobs of ${bindingText(share.binding)} in ${p.outputName('token-envelope')} (opens until ${isoSeconds(expires)}${token.expiresAt ? '' : ', one hour: the server gave no expiry'}).`,
  );
}

/**
 * Consumer: open the envelope, registering the token as a secret the moment it is decrypted.
 * Returns the token, or the reason it did not open when minting instead is allowed.
 */
export async function openShared(
  p: Platform,
  share: ShareSettings,
  now: number,
): Promise<{ token: SharedToken } | { reason: EnvelopeError }> {
  const { EnvelopeError, openEnvelope } = await import('../core/envelope/sealing.js');
  try {
    const token = openEnvelope(share.envelope, {
      shareKey: share.shareKey,
      binding: share.binding,
      now,
      minRemainingMs: share.minRemainingMs,
      onSecret: (s) => p.setSecret(s),
    });
    return { token };
  } catch (e) {
    if (e instanceof EnvelopeError && share.mintOnFailure) return { reason: e };
    throw e;
  }
}
