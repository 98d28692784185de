/**
 * Masking, first thing in every step: the secret inputs, and everything secret in a token
 * answer, registered with the runner before anything is written.
 */
import type { TokenResult } from '../core/oauth/response.js';
import { secretInputsOf } from '../core/secret-inputs.js';
import type { Platform } from '../platform/types.js';

/** The token step's inputs that hold secrets, masked before anything else happens. */
export const TOKEN_SECRET_INPUTS = secretInputsOf('token');

/** Register each secret input with the runner before anything else is written. */
export function maskSecretInputs(p: Platform, keys: readonly string[]): void {
  for (const k of keys) {
    const v = p.get(k).trim();
    if (v) p.setSecret(v);
  }
}

/** Register everything secret in a token answer with the runner, before anything is written. */
export function maskToken(p: Platform, token: TokenResult): void {
  p.setSecret(token.accessToken);
  p.setSecret(token.authorization);
  if (token.newRefreshToken) p.setSecret(token.newRefreshToken);
  if (token.idToken) p.setSecret(token.idToken);
}
