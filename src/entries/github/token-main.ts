import { githubPlatform } from '../../platform/github.js';
import { runStep } from '../../steps/run.js';
import { tokenStep } from '../../steps/token.js';

// The secrets store (and libsodium behind it) loads only when write-back is on.
void runStep(
  githubPlatform(),
  tokenStep({
    github: async (target, rt, limits) =>
      new (await import('../../core/writeback/github.js')).GithubSecretStore(target, rt, limits),
  }),
);
