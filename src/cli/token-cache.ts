/**
 * The command line's token cache: one small file per binding (core/token-cache.ts) in the
 * user's cache folder, readable by the user alone, so that ten commands in a row mint one token.
 *
 * A plain file, as gh, gcloud and the AWS CLI keep theirs: encrypting it would need a key kept
 * beside it, readable by the same user, and the OS credential stores need a native module per
 * platform (keytar, the portable one, is archived). What protects it is where it is and who may
 * read it: a folder of mode 0700 and files of mode 0600 owned by the user, checked before every
 * read (a file or folder others can read, or that another user owns, is never used); on Windows
 * the profile's own folder (LOCALAPPDATA), which only its user may read. The rules are
 * core/private-files.ts's, shared with the job token source. It holds access tokens
 * only, never a refresh token or a client secret, and `oauth-token cache clear` empties it.
 */
import { readdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { ensurePrivateFolder, readPrivateFile, writePrivateFile } from '../core/private-files.js';
import { StepError } from '../core/errors.js';
import { t } from '../core/text.js';
import { type CachedToken, parseCached, type TokenStore } from '../core/token-cache.js';

/** Where the cache lives: OAUTH_TOKEN_CACHE_DIR, or the platform's per-user cache folder. */
export function cacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform) {
  const given = env.OAUTH_TOKEN_CACHE_DIR;
  if (given) {
    if (!isAbsolute(given)) {
      throw new StepError(
        'input',
        'OAUTH_TOKEN_CACHE_DIR is not an absolute path: give the folder as a full path, or unset it for the default.',
      );
    }
    return given;
  }
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA && isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : undefined;
    return join(local ?? join(homedir(), 'AppData', 'Local'), 'oauth-token', 'Cache');
  }
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'oauth-token');
  const xdg = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  return join(xdg ?? join(homedir(), '.cache'), 'oauth-token');
}

export interface FileTokenStore extends TokenStore {
  readonly dir: string;
  /** Removes every kept token; says how many. */
  clear(): number;
}

export function fileTokenStore(
  dir: string,
  log: { debug(m: string): void; warning(m: string): void },
  platform: NodeJS.Platform = process.platform,
): FileTokenStore {
  let warned = false;
  const refuse = (why: string) => {
    if (!warned) log.warning(t`The token cache ${why}: it is not used.`);
    warned = true;
  };
  const file = (key: string) => `${key}.json`;

  return {
    dir,
    read(key) {
      try {
        const got = readPrivateFile(dir, file(key), platform);
        if ('missing' in got) return undefined;
        if ('refused' in got) {
          // A folder that is not private is said once; a file that was not is gone already.
          if (got.refused === 'folder') refuse(`${dir} ${got.why}`);
          else log.debug(t`A kept token ${got.why}; it was removed.`);
          return undefined;
        }
        return parseCached(JSON.parse(got.text) as unknown);
      } catch (e) {
        log.debug(t`The token cache could not be read: ${(e as Error).message}`);
        return undefined;
      }
    },
    write(key, token: CachedToken) {
      try {
        const why = ensurePrivateFolder(dir, platform);
        if (why) return refuse(`${dir} ${why}`);
        writePrivateFile(dir, file(key), JSON.stringify(token));
      } catch (e) {
        log.debug(t`The token could not be kept: ${(e as Error).message}`);
      }
    },
    clear() {
      let n = 0;
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return 0;
      }
      for (const name of names) {
        if (!/\.(json|tmp)$/.test(name)) continue;
        rmSync(join(dir, name), { force: true });
        if (name.endsWith('.json')) n++;
      }
      return n;
    },
  };
}
