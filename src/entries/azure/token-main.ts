import { azurePlatform } from '../../platform/azure.js';
import { runStep } from '../../steps/run.js';
import { tokenMain } from '../../steps/token.js';

// The variable-group store loads only when write-back is on.
void runStep(
  azurePlatform({
    connectionInput: 'connection',
    secretStores: () => import('../../platform/azure-variable-group.js'),
  }),
  tokenMain,
);
