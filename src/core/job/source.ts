/**
 * The job token source: what the token step leaves for the later steps of the same job, so
 * that each can get an access token that is valid now (docs/job-token.md). Platform-neutral:
 * where it lives and what it holds; the token step writes it (steps/job-token.ts) and the
 * credential command reads it (steps/job-read.ts).
 *
 * A folder in the job's own temporary folder (RUNNER_TEMP, Agent.TempDirectory), which the
 * runner empties when the job ends, made with mkdtemp (mode 0700, a name no one can claim
 * first), holding files of mode 0600 (core/private-files.ts):
 * - `source.json`: the token step's environment (its inputs, and what a script step lacks:
 *   the agent's connection and job variables), a rotated refresh token's successor, and
 *   whether that successor still has to reach the CI secret store;
 * - `token.json`: the current access token, as the command line's cache keeps one;
 * - `bin/oauth-token-job` (and `.cmd` on Windows): the command, which runs the runner's own
 *   Node on this action's reader bundle for this folder; `command.json` says the same for a
 *   step that runs it without a shell (core/job/client.ts).
 * The token step's post step removes it first thing, whatever else fails.
 */
import { lstatSync, readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type CachedToken, parseCached } from '../token-cache.js';
import { readPrivateFile, writePrivateFile } from '../private-files.js';

/** The variable later steps find the newest source in. */
export const JOB_SOURCE_ENV = 'OAUTH_TOKEN_JOB';
/** The folder's name starts with this; mkdtemp adds six random characters. */
export const SOURCE_PREFIX = 'oauth-token-job-';
export const COMMAND = 'oauth-token-job';

const SOURCE_FILE = 'source.json';
const TOKEN_FILE = 'token.json';
/** The command's Node and reader bundle, for a step that runs it without a shell. */
export const COMMAND_FILE = 'command.json';

export interface JobSource {
  platform: 'github' | 'azure';
  /** The token step's environment, restored before a mint. */
  env: Record<string, string>;
  /** A rotated refresh token's successor: it replaces the refresh-token input. */
  refreshToken?: string;
  /** The successor has not reached the CI secret store yet: the next read stores it first. */
  pendingWriteBack?: boolean;
}

/** A source's folder name is ours: the prefix and mkdtemp's six characters, nothing else. */
export function isSourceFolder(dir: string): boolean {
  return new RegExp(`^${SOURCE_PREFIX}[A-Za-z0-9]{6}$`).test(basename(dir));
}

export function writeSource(dir: string, source: JobSource): void {
  writePrivateFile(dir, SOURCE_FILE, JSON.stringify({ version: 1, ...source }));
}

export type SourceRead = { source: JobSource } | { problem: string };

/** The source, checked: a private folder and file, and the shape this version writes. */
export function readSource(dir: string): SourceRead {
  const got = readPrivateFile(dir, SOURCE_FILE);
  if ('missing' in got) {
    return {
      problem: `${dir} holds no job token source: the token step that made it has ended (its post step removes it), or this is another job`,
    };
  }
  if ('refused' in got) return { problem: `the job token source ${dir} ${got.why}` };
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(got.text) as Record<string, unknown>;
  } catch {
    return { problem: `the job token source ${dir} is not JSON` };
  }
  const env = v.env as Record<string, unknown> | undefined;
  if (
    v.version !== 1 ||
    (v.platform !== 'github' && v.platform !== 'azure') ||
    !env ||
    typeof env !== 'object' ||
    Object.values(env).some((x) => typeof x !== 'string') ||
    (v.refreshToken !== undefined && typeof v.refreshToken !== 'string')
  ) {
    return { problem: `the job token source ${dir} is not one this version wrote` };
  }
  return {
    source: {
      platform: v.platform,
      env: env as Record<string, string>,
      refreshToken: v.refreshToken as string | undefined,
      pendingWriteBack: v.pendingWriteBack === true,
    },
  };
}

export function writeToken(dir: string, token: CachedToken): void {
  writePrivateFile(dir, TOKEN_FILE, JSON.stringify(token));
}

/** The kept access token, if there is one and it is private and well formed. */
export function readToken(dir: string): CachedToken | undefined {
  const got = readPrivateFile(dir, TOKEN_FILE);
  if (!('text' in got)) return undefined;
  try {
    return parseCached(JSON.parse(got.text) as unknown);
  } catch {
    return undefined;
  }
}

/**
 * Remove a source folder: only a folder whose name is ours and which is a real folder (not a
 * link), its entries one by one with lstat, so a planted link is removed as a link and never
 * followed. Says what could not be removed.
 */
export function removeSource(dir: string): string | undefined {
  if (!isSourceFolder(dir)) return `${dir} is not a job token source folder`;
  let st;
  try {
    st = lstatSync(dir);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : (e as Error).message;
  }
  if (!st.isDirectory()) return `${dir} is not a folder`;
  try {
    const clear = (folder: string, depth: number) => {
      for (const name of readdirSync(folder)) {
        const path = join(folder, name);
        // lstat: a link is removed as a link, never followed.
        if (lstatSync(path).isDirectory() && depth < 2) {
          clear(path, depth + 1);
          rmdirSync(path);
        } else {
          unlinkSync(path);
        }
      }
    };
    clear(dir, 0);
    rmdirSync(dir);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
