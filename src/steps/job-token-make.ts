/**
 * Making the job token source after a mint (core/job/source.ts): its files, the command on
 * PATH, and OAUTH_TOKEN_JOB. Apart from steps/job-token.ts only so that it loads when
 * job-token is true: a plain mint never reads this code.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writePrivateFile } from '../core/private-files.js';
import {
  COMMAND,
  COMMAND_FILE,
  JOB_SOURCE_ENV,
  removeSource,
  SOURCE_PREFIX,
  writeSource,
  writeToken,
} from '../core/job/source.js';
import type { TokenResult } from '../core/oauth/response.js';
import type { Runtime } from '../core/runtime.js';
import { toCached } from '../core/token-cache.js';
import { t } from '../core/text.js';
import type { Platform } from '../platform/types.js';
import { JOB_SOURCE_STATE } from './job-token.js';

/** Quoted for sh: single quotes, each ' as '\''. */
const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A path cmd.exe can take between double quotes (which no Windows path contains). */
const cmdPath = (s: string) => {
  if (/["%\r\n]/.test(s)) throw new Error(t`the path ${s} cannot be quoted for cmd.exe`);
  return `"${s}"`;
};

/**
 * After a mint: the source, its current token, the command on PATH and OAUTH_TOKEN_JOB for
 * the steps after this one. The post step's state is saved before anything secret is written,
 * so a step stopped half-way still has its source removed.
 */
export function makeJobSource(
  p: Platform,
  rt: Runtime,
  token: TokenResult,
  needs: { jobAccessToken: boolean },
): string {
  const dir = mkdtempSync(join(p.jobTemp!()!, SOURCE_PREFIX));
  p.saveState(JOB_SOURCE_STATE, dir);
  try {
    writeSource(dir, {
      platform: p.id === 'azure' ? 'azure' : 'github',
      env: p.handoffEnv!(needs),
      refreshToken: token.newRefreshToken,
    });
    const kept = toCached(token, rt.now());
    if (kept) writeToken(dir, kept);
    // The command: the runner's own Node on this action's reader bundle, for this source.
    const node = process.execPath;
    const reader = join(dirname(process.argv[1] ?? '.'), '..', 'job-token', 'index.js');
    writePrivateFile(dir, COMMAND_FILE, JSON.stringify({ node, reader }));
    const bin = join(dir, 'bin');
    mkdirSync(bin, { mode: 0o700 });
    writeFileSync(
      join(bin, COMMAND),
      `#!/bin/sh\n# oauth-token-action: an access token valid now, for this job (docs/job-token.md).\nexec ${sh(node)} ${sh(reader)} --source ${sh(dir)} "$@"\n`,
      { mode: 0o700 },
    );
    // For PowerShell and cmd on Windows (Git Bash runs the sh one).
    if (process.platform === 'win32') {
      writeFileSync(
        join(bin, `${COMMAND}.cmd`),
        `@${cmdPath(node)} ${cmdPath(reader)} --source ${cmdPath(dir)} %*\r\n`,
        { mode: 0o700 },
      );
    }
    p.addPath!(bin);
    p.exportVariable(JOB_SOURCE_ENV, dir);
    p.log.info(
      t`Job token: later steps of this job get an access token valid now with the command ${COMMAND} (on PATH; the source is in ${JOB_SOURCE_ENV}). It mints again shortly before the token expires, and the post step removes the source.`,
    );
    return dir;
  } catch (e) {
    removeSource(dir);
    throw e;
  }
}
