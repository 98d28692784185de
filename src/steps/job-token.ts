/**
 * The token step's side of the job token source (core/job/source.ts): whether it may be made
 * (the `job-token` input against the step's other settings), making it after a mint, and
 * removing it in the post step. The command that reads it is steps/job-read.ts.
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
import type { Inputs } from '../core/inputs.js';
import type { TokenConfig } from '../core/oauth/token-config.js';
import type { TokenResult } from '../core/oauth/response.js';
import type { Runtime } from '../core/runtime.js';
import { toCached } from '../core/token-cache.js';
import { StepError } from '../core/errors.js';
import { t } from '../core/text.js';
import type { Platform } from '../platform/types.js';

/** Where the post step finds the source to remove. */
export const JOB_SOURCE_STATE = 'job-source';

/**
 * The job-token input, checked before anything is sent: true only where the step can leave a
 * source that re-mints without losing anything.
 */
export function parseJobToken(
  p: Platform,
  inputs: Inputs,
  settings: { cfg?: TokenConfig; envelope: boolean; revoke: boolean; writeBack: boolean },
): boolean {
  if (!inputs.bool('job-token', false)) return false;
  const label = inputs.label('job-token');
  if (settings.envelope) {
    throw inputs.error(
      'job-token',
      t`is true together with ${inputs.label('envelope')}: an opened envelope holds no credentials to mint again with`,
      t`set ${label} in the job that mints (the one with the credentials), or drop the envelope here`,
    );
  }
  if (settings.revoke) {
    throw inputs.error(
      'job-token',
      t`is true together with ${inputs.label('revoke')}: the post step revokes one token, and the job token source mints several`,
      t`set ${inputs.label('revoke')} to false; each token expires on its own`,
    );
  }
  const cfg = settings.cfg;
  if (
    cfg &&
    cfg.grantType === 'refresh_token' &&
    cfg.provider.mayRotateRefreshToken &&
    !settings.writeBack
  ) {
    throw inputs.error(
      'job-token',
      t`is true with the refresh_token grant of ${cfg.provider.title}, which may rotate refresh tokens, and without write-back: each new token of the job would spend the stored refresh token, and its successor would end with the job`,
      t`also set ${inputs.label('refresh-token-secret')} (write-back), so that every successor is stored`,
    );
  }
  if (!p.jobTemp || !p.handoffEnv || !p.addPath) {
    throw inputs.error(
      'job-token',
      'is true, but there is no job here to keep a token for',
      t`set ${label} only in a pipeline step`,
    );
  }
  if (!p.jobTemp()) {
    throw new StepError(
      'input',
      t`Input '${label}' is true, but the runner gives this job no temporary folder (${p.id === 'azure' ? 'Agent.TempDirectory' : 'RUNNER_TEMP'}): it is where the job token source lives, removed with the job.`,
    );
  }
  return true;
}

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

/** The post step: remove the source first, whatever else the post step does or fails at. */
export function removeJobSource(p: Platform): void {
  const dir = p.getState(JOB_SOURCE_STATE);
  if (!dir) return;
  const why = removeSource(dir);
  if (why) {
    p.log.warning(
      t`The job token source could not be removed (${why}). The runner empties its temporary folder when the job ends.`,
    );
  } else {
    p.log.info('Removed the job token source: later steps of this job can no longer mint.');
  }
}
