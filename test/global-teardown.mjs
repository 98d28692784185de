// Removes the run's scratch folder (test/global-setup.mjs), with everything the tests and the
// bundles they spawned wrote in it. Jest runs this after the last suite, failed or not.
import { rmSync } from 'node:fs';
import { basename } from 'node:path';

export default function globalTeardown() {
  const root = process.env.OAUTH_TEST_RUN_DIR;
  if (!root || !basename(root).startsWith('oauth-token-action-tests-')) return;
  rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
