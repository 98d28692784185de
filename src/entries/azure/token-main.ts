import { azurePlatform } from '../../platform/azure.js';
import { runStep } from '../../steps/run.js';
import { tokenMain } from '../../steps/token.js';

void runStep(azurePlatform({ connectionInput: 'connection' }), tokenMain);
