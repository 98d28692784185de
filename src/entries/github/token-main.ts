import { githubPlatform } from '../../platform/github.js';
import { runStep } from '../../steps/run.js';
import { tokenMain } from '../../steps/token.js';

void runStep(githubPlatform(), tokenMain);
