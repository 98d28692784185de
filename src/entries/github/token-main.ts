import { githubPlatform } from '../../platform/github.js';
import { runStep } from '../../steps/run.js';
import { tokenMain } from '../../steps/token.js';

// The secrets store (and libsodium behind it) loads only when write-back is on.
void runStep(
  githubPlatform(process.env, { secretStores: () => import('../../platform/github-secrets.js') }),
  tokenMain,
);
