import { VariableGroupStore } from '../../core/writeback/azure.js';
import { azurePlatform } from '../../platform/azure.js';
import { runStep } from '../../steps/run.js';
import { tokenStep } from '../../steps/token.js';

void runStep(
  azurePlatform({ connectionInput: 'connection' }),
  tokenStep({ azure: (target, rt, limits) => new VariableGroupStore(target, rt, limits) }),
);
