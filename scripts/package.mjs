// `npm run package`: build the Azure DevOps task bundles into task/, then let tfx-cli create
// (and validate) the extension package in vsix/. Extra arguments go to tfx, e.g.
// `npm run package -- --publisher my-publisher-id` to publish under your own publisher.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { HASH_FILE, sourceHash } from './source-hash.mjs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, ['scripts/build.mjs', 'azure']);
mkdirSync('vsix', { recursive: true });
run(process.execPath, [
  'node_modules/tfx-cli/_build/tfx-cli.js',
  'extension',
  'create',
  '--root',
  'task',
  '--manifest-globs',
  'vss-extension.json',
  '--output-path',
  'vsix/oauth-token-action.vsix',
  '--no-prompt',
  ...process.argv.slice(2),
]);
// What the task bundles and the .vsix were built from (see scripts/source-hash.mjs).
writeFileSync(HASH_FILE.azure, `${sourceHash('azure')}\n`);
