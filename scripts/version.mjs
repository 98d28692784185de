// `npm run version:set -- 1.2.3`: set the one version everything that ships carries. package.json is
// the source; this writes it there and into both task.json files, the extension manifest and
// CHANGELOG.md (the "Unreleased" heading becomes "<version> (<date>)"). Without an argument it
// checks that they agree and exits 1 if not (test/version.test.ts runs that check).
import { readFileSync, writeFileSync } from 'node:fs';

const TASKS = ['task/OAuthTokenV1/task.json', 'task/Site24x7MaintenanceV1/task.json'];
const MANIFEST = 'task/vss-extension.json';
const read = (f) => JSON.parse(readFileSync(f, 'utf8'));
const write = (f, v) => writeFileSync(f, `${JSON.stringify(v, null, 2)}\n`);

/** Every place a version is written, as found now. */
export function versions() {
  const found = { 'package.json': read('package.json').version };
  for (const t of TASKS) {
    const v = read(t).version;
    found[t] = `${v.Major}.${v.Minor}.${v.Patch}`;
  }
  found[MANIFEST] = read(MANIFEST).version;
  const changelog = readFileSync('CHANGELOG.md', 'utf8');
  const m = /^## (?:Unreleased \((\d+\.\d+\.\d+)\)|(\d+\.\d+\.\d+)\b)/m.exec(changelog);
  found['CHANGELOG.md'] = m ? (m[1] ?? m[2]) : '(none)';
  return found;
}

function set(version) {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`not a version: ${version}`);
  const [Major, Minor, Patch] = version.split('.').map(Number);
  const pkg = read('package.json');
  pkg.version = version;
  write('package.json', pkg);
  for (const t of TASKS) {
    const task = read(t);
    task.version = { Major, Minor, Patch };
    write(t, task);
  }
  const manifest = read(MANIFEST);
  manifest.version = version;
  write(MANIFEST, manifest);
  const day = new Date().toISOString().slice(0, 10);
  const changelog = readFileSync('CHANGELOG.md', 'utf8').replace(
    /^## Unreleased(?: \(\d+\.\d+\.\d+\))?$/m,
    `## ${version} (${day})`,
  );
  writeFileSync('CHANGELOG.md', changelog);
}

if (process.argv[1]?.endsWith('version.mjs')) {
  const wanted = process.argv[2];
  if (wanted) set(wanted);
  const found = versions();
  const distinct = new Set(Object.values(found));
  for (const [file, v] of Object.entries(found)) console.log(`${v.padEnd(10)} ${file}`);
  if (distinct.size !== 1) {
    console.error('The versions disagree: run `npm run version:set -- X.Y.Z`.');
    process.exitCode = 1;
  }
}
