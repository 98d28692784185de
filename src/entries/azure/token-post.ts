import { azurePlatform } from '../../platform/azure.js';
import { runStep } from '../../steps/run.js';
import { tokenPost } from '../../steps/token-post.js';

void runStep(azurePlatform({ connectionInput: 'connection' }), tokenPost);
