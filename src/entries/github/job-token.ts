import { githubPlatform } from '../../platform/github.js';
import { splitJobStreams } from '../../platform/job-streams.js';
import { jobTokenCommand } from '../../steps/job-read.js';

// The job token command (oauth-token-job): the platform is made after the source's environment
// is restored. The secrets store (and libsodium behind it) loads only when write-back is on.
void jobTokenCommand('github', splitJobStreams(), async () =>
  githubPlatform(process.env, { secretStores: () => import('../../platform/github-secrets.js') }),
);
