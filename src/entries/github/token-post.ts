import { githubPlatform } from '../../platform/github.js';
import { runStep } from '../../steps/run.js';
import { tokenPost } from '../../steps/token-post.js';

void runStep(githubPlatform(), tokenPost);
