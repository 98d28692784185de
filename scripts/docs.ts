/** `npm run docs`: rewrite the README's generated tables (see docs-tables.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReadme } from './docs-tables.js';

const before = readFileSync('README.md', 'utf8');
const after = renderReadme(process.cwd(), before);
if (after !== before) {
  writeFileSync('README.md', after);
  console.log('README.md: generated tables updated.');
} else {
  console.log('README.md: generated tables already up to date.');
}
