// The bundles the tests spawn are build output: the GitHub ones in dist/ (committed, checked
// fresh by CI) and the Azure DevOps ones in task/ with the .vsix (not committed). Before the
// tests, each set older than the sources is rebuilt, so that `npm test` works on a fresh clone
// after `npm ci` and never runs a stale bundle of either platform while rebuilding the other.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const stale = (outputs, since) =>
  outputs.some((f) => !existsSync(f) || statSync(f).mtimeMs < since);

export default function globalSetup() {
  const sources = Math.max(newest('src'), statSync('package-lock.json').mtimeMs);
  const github = [
    'dist/main/index.js',
    'dist/post/index.js',
    'dist/maintenance-main/index.js',
    'dist/maintenance-post/index.js',
    'dist/cli/index.js',
  ];
  if (stale(github, sources)) {
    process.stderr.write(
      '\nThe GitHub bundles are older than src/: rebuilding dist/ (npm run build -- github)...\n',
    );
    execFileSync(process.execPath, ['scripts/build.mjs', 'github'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const azure = [
    'task/OAuthTokenV1/main/index.js',
    'task/OAuthTokenV1/post/index.js',
    'task/Site24x7MaintenanceV1/main/index.js',
    'task/Site24x7MaintenanceV1/post/index.js',
    'vsix/oauth-token-action.vsix',
  ];
  const azureSources = Math.max(
    sources,
    statSync('task/vss-extension.json').mtimeMs,
    statSync('task/OAuthTokenV1/task.json').mtimeMs,
    statSync('task/Site24x7MaintenanceV1/task.json').mtimeMs,
  );
  if (stale(azure, azureSources)) {
    process.stderr.write(
      '\nBuilding the Azure DevOps task bundles and .vsix (npm run package)...\n',
    );
    execFileSync(process.execPath, ['scripts/package.mjs'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
}
