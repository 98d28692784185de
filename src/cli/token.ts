/** `oauth-token token`: mint a token as the pipeline step does, and describe it. */
import { StepError } from '../core/errors.js';
import type { Runtime } from '../core/runtime.js';
import { formatSeconds } from '../core/text.js';
import type { CliPlatform } from '../platform/cli.js';
import type { Io } from './io.js';
import { tokenMain } from '../steps/token.js';

export async function token(
  p: CliPlatform,
  rt: Runtime,
  io: Io,
  flags: Record<string, string>,
  showSecret: (line: string) => void,
) {
  if (flags['token-only'] === 'true' && io.json) {
    throw new StepError(
      'input',
      'Option --token-only prints the access token alone: leave out --json (or use --json --show-token).',
    );
  }
  await tokenMain(p, rt);
  const o = (k: string) => p.outputs.get(k)?.value ?? '';
  if (flags['token-only'] === 'true') {
    // For export OAUTH_ACCESS_TOKEN="$(oauth-token token --token-only ...)": one line on stdout,
    // what it is on stderr. The site24x7 commands then mint nothing while it lasts.
    showSecret(o('access-token'));
    io.err(
      o('expires-at')
        ? `An access token, valid until ${o('expires-at')} (${formatSeconds(Number(o('expires-in')) * 1000)}).`
        : 'An access token (the server gave no expiry).',
    );
    return;
  }
  const show = flags['show-token'] === 'true';
  if (io.json) {
    io.json({
      token_type: o('token-type'),
      expires_in: o('expires-in') ? Number(o('expires-in')) : undefined,
      expires_at: o('expires-at') || undefined,
      scope: o('scope') || undefined,
      api_domain: o('api-domain') || undefined,
    });
    if (show) {
      const shown: Record<string, string> = {
        access_token: o('access-token'),
        authorization: o('authorization'),
      };
      if (p.outputs.has('refresh-token')) {
        shown.refresh_token = o('refresh-token');
        p.shown.add('refresh-token');
      }
      io.json(shown, Object.keys(shown));
    }
    return;
  }
  const header = o('authorization').split(' ')[0];
  io.out(`token type:  ${o('token-type') || '(none given)'}`);
  io.out(`scope:       ${o('scope') || '(none given)'}`);
  io.out(
    `expires:     ${o('expires-at') ? `${o('expires-at')} (in ${formatSeconds(Number(o('expires-in')) * 1000)})` : '(no expiry given)'}`,
  );
  if (o('api-domain')) io.out(`api:         ${o('api-domain')}`);
  if (show) showSecret(`header:      Authorization: ${header} ${o('access-token')}`);
  else io.out(`header:      Authorization: ${header} ***  (--show-token to print it)`);
}
