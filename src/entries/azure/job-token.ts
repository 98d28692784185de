import { splitJobStreams } from '../../platform/job-streams.js';
import { jobTokenCommand } from '../../steps/job-read.js';

// The job token command (oauth-token-job), run from a script step: the adapter is made only
// after the source's environment is restored (it reads the environment when it is made), and a
// failure never completes the calling script's task.
void jobTokenCommand('azure', splitJobStreams(), async () =>
  (await import('../../platform/azure.js')).azurePlatform({
    connectionInput: 'connection',
    secretStores: () => import('../../platform/azure-variable-group.js'),
    script: true,
  }),
);
