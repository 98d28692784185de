import { githubPlatform } from '../../platform/github.js';
import { maintenanceMain } from '../../steps/maintenance.js';
import { runStep } from '../../steps/run.js';

await runStep(githubPlatform(), maintenanceMain);
