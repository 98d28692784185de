import { GithubSecretStore } from '../../core/writeback/github.js';
import { githubPlatform } from '../../platform/github.js';
import { runStep } from '../../steps/run.js';
import { tokenStep } from '../../steps/token.js';

void runStep(
  githubPlatform(),
  tokenStep({ github: (target, rt, limits) => new GithubSecretStore(target, rt, limits) }),
);
