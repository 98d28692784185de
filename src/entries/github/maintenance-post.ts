import { githubPlatform } from '../../platform/github.js';
import { maintenancePost } from '../../steps/maintenance.js';
import { runStep } from '../../steps/run.js';

void runStep(githubPlatform(), maintenancePost);
