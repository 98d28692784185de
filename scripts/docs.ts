/**
 * `npm run docs`: write the generated documentation (see docs-tables.ts): the README's tables,
 * the reference pages, and the benchmark figures quoted in the README and docs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  FIGURE_PAGES,
  readFigures,
  referencePages,
  renderFigures,
  renderBlocks,
} from './docs-tables.js';

const root = process.cwd();
const write = (file: string, text: string) => {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (before === text) return console.log(`${file}: up to date.`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`${file}: written.`);
};
for (const [file, text] of Object.entries(referencePages(root))) write(file, text);
const figures = readFigures(root);
for (const file of FIGURE_PAGES) {
  if (!existsSync(file)) continue;
  write(file, renderFigures(renderBlocks(readFileSync(file, 'utf8')), figures));
}
