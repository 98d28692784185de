import { azurePlatform } from '../../platform/azure.js';
import { MAINTENANCE_SECRET_INPUTS, maintenancePost } from '../../steps/maintenance.js';
import { runStep } from '../../steps/run.js';

void runStep(
  azurePlatform({ connectionInput: 'connection', secretInputs: MAINTENANCE_SECRET_INPUTS }),
  maintenancePost,
);
