/** One version: package.json, both task.json files, the extension manifest and the changelog agree. */
import { spawnSync } from 'node:child_process';
import { ROOT } from './helpers/github.js';

test('every place that carries a version carries the same one', () => {
  const r = spawnSync(process.execPath, ['scripts/version.mjs'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const versions = new Set(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/)[0]),
  );
  expect(versions.size).toBe(1);
  expect(r.stdout.trim().split('\n')).toHaveLength(5);
});
