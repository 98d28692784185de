/**
 * Writing a rotated refresh token back to where the pipeline stores it, so the next run still
 * has a live one. One store per CI platform (its adapter: platform/github-secrets.ts,
 * platform/azure-variable-group.ts); the token step decides the
 * order: preflight before the old token is spent, write before anything is exported.
 */
import { StepError } from '../errors.js';

export interface SecretStore {
  /** Where the refresh token lives: `repository secret ZOHO_REFRESH_TOKEN of acme/shop`. */
  readonly where: string;
  /** Before the refresh: prove that the write will be allowed, leaving the value as it is. */
  preflight(): Promise<void>;
  /** Something the preflight left behind that the user should hear about. */
  readonly leftover?: string;
  /** Store the new value. */
  write(value: string): Promise<void>;
  /** How to store a value by hand, for the recovery message. */
  readonly byHand: string;
}

/** A store's setting that is missing or wrong, found before anything is sent. */
export function storeError(message: string): StepError {
  return new StepError('input', message);
}
