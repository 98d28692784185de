import { azurePlatform } from '../../platform/azure.js';
import { runStep } from '../../steps/run.js';
import { TOKEN_SECRET_INPUTS, tokenMain } from '../../steps/token.js';

void runStep(
  azurePlatform({ connectionInput: 'connection', secretInputs: TOKEN_SECRET_INPUTS }),
  tokenMain,
);
