import { githubPlatform } from '../../platform/github.js';
import { maintenancePost } from '../../steps/maintenance.js';
import { runStep } from '../../steps/run.js';

await runStep(githubPlatform(), maintenancePost);
