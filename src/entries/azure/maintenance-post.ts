import { azurePlatform } from '../../platform/azure.js';
import { maintenancePost } from '../../steps/maintenance.js';
import { runStep } from '../../steps/run.js';

void runStep(
  azurePlatform({
    connectionInput: 'connection',
    providerConnections: { 'pagerduty-': 'pagerduty-connection' },
  }),
  maintenancePost,
);
