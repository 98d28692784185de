import { githubPlatform } from '../../platform/github.js';
import { maintenanceMain } from '../../steps/maintenance.js';
import { runStep } from '../../steps/run.js';

void runStep(githubPlatform(), maintenanceMain);
