/** `oauth-token cache clear`, and the token cache the minting commands are given. */
import { StepError } from '../core/errors.js';
import { count } from '../core/text.js';
import type { CliPlatform } from '../platform/cli.js';
import type { Io } from './io.js';
import { cacheDir, fileTokenStore } from './token-cache.js';

/** Gives the platform the user's token cache, unless --no-cache. */
export function useTokenCache(
  p: CliPlatform,
  env: NodeJS.ProcessEnv,
  flags: Record<string, string>,
) {
  if (flags['no-cache'] === 'true') return;
  p.tokenStore = fileTokenStore(cacheDir(env), p.log);
}

export async function cacheCommand(p: CliPlatform, io: Io, words: string[]): Promise<void> {
  await Promise.resolve();
  if (words[0] !== 'clear') {
    throw new StepError('input', 'Usage: oauth-token cache clear (see oauth-token cache --help).');
  }
  const store = fileTokenStore(cacheDir(io.env), p.log);
  const n = store.clear();
  if (io.json) io.json({ cleared: n, directory: store.dir });
  else io.out(`Removed ${count(n, 'kept access token')} from ${store.dir}.`);
}
