// The Azure DevOps task bundles and the .vsix are build output (not committed). Build them
// before the tests when they are missing or older than the sources, so that `npm test` works
// on a fresh clone after `npm ci`. (The GitHub bundles in dist/ are committed and checked
// fresh by CI.)
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

export default function globalSetup() {
  const outputs = [
    'task/OAuthTokenV1/main/index.js',
    'task/OAuthTokenV1/post/index.js',
    'task/Site24x7MaintenanceV1/main/index.js',
    'task/Site24x7MaintenanceV1/post/index.js',
    'vsix/oauth-token-action.vsix',
  ];
  const inputs = Math.max(
    newest('src'),
    statSync('task/vss-extension.json').mtimeMs,
    statSync('task/OAuthTokenV1/task.json').mtimeMs,
    statSync('task/Site24x7MaintenanceV1/task.json').mtimeMs,
    statSync('package-lock.json').mtimeMs,
  );
  const stale = outputs.some((f) => !existsSync(f) || statSync(f).mtimeMs < inputs);
  if (stale) {
    process.stderr.write(
      '\nBuilding the Azure DevOps task bundles and .vsix (npm run package)...\n',
    );
    execFileSync(process.execPath, ['scripts/package.mjs'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
}
