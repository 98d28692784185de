/**
 * Every input that holds a secret, stated once: which steps and commands mask it first thing
 * (before anything is written), and the environment variable the command line reads it from
 * (secrets are never command-line arguments). A new secret input is one row here.
 */
export type SecretUser = 'token' | 'maintenance' | 'exchange-code' | 'envelope';

interface SecretInput {
  /** The command line's environment variable; absent for inputs only the platforms have. */
  env?: string;
  usedBy: readonly SecretUser[];
}

export const SECRET_INPUTS = {
  'client-secret': {
    env: 'OAUTH_CLIENT_SECRET',
    usedBy: ['token', 'maintenance', 'exchange-code'],
  },
  'refresh-token': { env: 'OAUTH_REFRESH_TOKEN', usedBy: ['token', 'maintenance'] },
  'access-token': { env: 'OAUTH_ACCESS_TOKEN', usedBy: ['maintenance'] },
  'datadog-access-token': { env: 'OAUTH_DATADOG_ACCESS_TOKEN', usedBy: ['maintenance'] },
  'pagerduty-access-token': { env: 'OAUTH_PAGERDUTY_ACCESS_TOKEN', usedBy: ['maintenance'] },
  'pagerduty-client-secret': { env: 'OAUTH_PAGERDUTY_CLIENT_SECRET', usedBy: ['maintenance'] },
  'share-key': { env: 'OAUTH_SHARE_KEY', usedBy: ['token', 'envelope'] },
  'grant-code': { env: 'OAUTH_GRANT_CODE', usedBy: ['exchange-code'] },
  'client-assertion-key': { env: 'OAUTH_CLIENT_ASSERTION_KEY', usedBy: ['token'] },
  // GitHub's token for the gate's deployment status: a platform input only.
  'deployment-token': { usedBy: ['maintenance'] },
  // The GitHub token that writes a rotated refresh token back: a platform input only.
  'secrets-token': { usedBy: ['token'] },
} as const satisfies Record<string, SecretInput>;

export type SecretInputName = keyof typeof SECRET_INPUTS;

/** The secret inputs a step or command masks before it does anything else. */
export function secretInputsOf(user: SecretUser): SecretInputName[] {
  return (Object.keys(SECRET_INPUTS) as SecretInputName[]).filter((k) =>
    (SECRET_INPUTS[k].usedBy as readonly SecretUser[]).includes(user),
  );
}

/** Secret input → the environment variable the command line reads it from. */
export const SECRET_ENV: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SECRET_INPUTS).flatMap(([k, v]) => ('env' in v ? [[k, v.env]] : [])),
);
