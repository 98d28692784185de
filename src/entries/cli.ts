import { run } from '../cli/main.js';

void run();
