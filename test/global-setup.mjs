// The bundles the tests spawn are build output: the GitHub ones in dist/ (committed, checked
// fresh by CI) and the Azure DevOps ones in task/ with the .vsix (not committed). Before the
// tests, each set built from other sources than the current ones (by content hash, see
// scripts/source-hash.mjs; file times say nothing on a fresh clone) is rebuilt, so that `npm test` works on a fresh clone
// after `npm ci` and never runs a stale bundle of either platform while rebuilding the other.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HASH_FILE, sourceHash } from '../scripts/source-hash.mjs';

/** Whether a platform's bundles are missing or were built from other sources than these. */
function stale(platform, outputs) {
  if (outputs.some((f) => !existsSync(f)) || !existsSync(HASH_FILE[platform])) return true;
  return readFileSync(HASH_FILE[platform], 'utf8').trim() !== sourceHash(platform);
}

export default function globalSetup() {
  // One scratch folder per run, removed by test/global-teardown.mjs: every temporary file of
  // the run goes in it (the workers and the processes they spawn inherit TMPDIR, see
  // baseEnv()), so no run leaves folders behind in the machine's temporary folder. It can be
  // crossed but not listed by other users, as /tmp can be crossed: the tests that check what
  // another user of the machine can reach must be refused by the folder they test, not by this one.
  const root = mkdtempSync(join(tmpdir(), 'oauth-token-action-tests-'));
  if (process.platform !== 'win32') chmodSync(root, 0o711);
  process.env.OAUTH_TEST_RUN_DIR = root;
  process.env.TMPDIR = root;
  if (process.platform === 'win32') process.env.TEMP = process.env.TMP = root;
  const github = [
    'dist/main/index.js',
    'dist/post/index.js',
    'dist/job-token/index.js',
    'dist/maintenance-main/index.js',
    'dist/maintenance-post/index.js',
    'dist/cli/index.js',
  ];
  if (stale('github', github)) {
    process.stderr.write(
      '\nThe GitHub bundles were built from other sources: rebuilding dist/ (npm run build -- github)...\n',
    );
    execFileSync(process.execPath, ['scripts/build.mjs', 'github'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const azure = [
    'task/OAuthTokenV1/main/index.js',
    'task/OAuthTokenV1/post/index.js',
    'task/OAuthTokenV1/job-token/index.js',
    'task/Site24x7MaintenanceV1/main/index.js',
    'task/Site24x7MaintenanceV1/post/index.js',
    'vsix/oauth-token-action.vsix',
  ];
  if (stale('azure', azure)) {
    process.stderr.write(
      '\nBuilding the Azure DevOps task bundles and .vsix (npm run package)...\n',
    );
    execFileSync(process.execPath, ['scripts/package.mjs'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
}
