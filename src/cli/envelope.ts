/**
 * `oauth-token envelope open`: what a token envelope claims and whether it opens with a share
 * key, for debugging a matrix. Prints the claims; the token only with --show-token.
 */
import { envelopeClaims, openEnvelope } from '../core/envelope/sealing.js';
import { StepError } from '../core/errors.js';
import { Inputs } from '../core/inputs.js';
import { isoSeconds, serverText, t } from '../core/text.js';
import type { CliPlatform } from '../platform/cli.js';
import type { Io } from './io.js';
import { secretInputsOf } from '../core/secret-inputs.js';
import { maskSecretInputs } from '../steps/mask.js';

export async function envelope(
  p: CliPlatform,
  io: Io,
  words: string[],
  flags: Record<string, string>,
  showSecret: (line: string) => void,
  now: number,
): Promise<void> {
  maskSecretInputs(p, secretInputsOf('envelope'));
  const inputs = new Inputs(p, p.log);
  if (words[0] !== 'open') {
    throw new StepError(
      'input',
      'Usage: oauth-token envelope open --envelope E (see oauth-token envelope --help).',
    );
  }
  const text = inputs.str('envelope');
  if (!text) {
    throw inputs.error(
      'envelope',
      'is required',
      'pass the token-envelope output to open (or set OAUTH_ENVELOPE)',
    );
  }
  const shareKey = inputs.secret('share-key');
  if (!shareKey) {
    throw inputs.error(
      'share-key',
      'is required to open an envelope',
      'set OAUTH_SHARE_KEY, or give share-key=... on stdin with --stdin',
    );
  }
  const claims = envelopeClaims(text);
  // The envelope names the run it was sealed for; --scope and --run-id check that claim.
  const at = claims.binding.lastIndexOf(' run ');
  if (at <= 0) {
    throw new StepError(
      'protocol',
      t`The envelope is sealed for '${serverText(claims.binding)}', which names no run ('<scope> run <id>'): it was not made by the OAuth token step. Nothing was opened.`,
    );
  }
  const expected = {
    scope: inputs.str('scope') || claims.binding.slice(0, at),
    run: inputs.str('run-id') || claims.binding.slice(at + ' run '.length),
  };
  const token = openEnvelope(text, {
    shareKey,
    binding: expected,
    now,
    minRemainingMs: 0,
    onSecret: (s) => p.setSecret(s),
  });
  const show = flags['show-token'] === 'true';
  const doc: Record<string, string | number | undefined> = {
    format: claims.version,
    sealed_for: claims.binding,
    opens_until: isoSeconds(claims.expires),
    token_type: token.tokenType || undefined,
    expires_in: token.expiresIn,
    expires_at: token.expiresAt ? isoSeconds(token.expiresAt) : undefined,
    scope: token.scope || undefined,
    api_domain: token.apiDomain || undefined,
  };
  if (io.json) {
    io.json(doc);
    if (show) {
      const shown = { access_token: token.accessToken, authorization: token.authorization };
      io.json(shown, Object.keys(shown));
    }
    return;
  }
  io.out(t`sealed for:  ${claims.binding} (format ${claims.version})`);
  io.out(t`opens until: ${isoSeconds(claims.expires)}`);
  io.out(t`token type:  ${token.tokenType || '(none given)'}`);
  io.out(t`scope:       ${token.scope || '(none given)'}`);
  if (token.apiDomain) io.out(t`api:         ${token.apiDomain}`);
  if (show) showSecret(`token:       ${token.accessToken}`);
  else io.out('token:       ***  (--show-token to print it)');
}
