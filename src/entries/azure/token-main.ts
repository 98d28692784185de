import { azurePlatform } from '../../platform/azure.js';
import { runStep } from '../../steps/run.js';
import { tokenStep } from '../../steps/token.js';

// The variable-group store loads only when write-back is on.
void runStep(
  azurePlatform({ connectionInput: 'connection' }),
  tokenStep({
    azure: async (target, rt, limits) =>
      new (await import('../../core/writeback/azure.js')).VariableGroupStore(target, rt, limits),
  }),
);
