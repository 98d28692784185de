/** The README's tables come from the action and task files, and the platforms agree. */
import { readFileSync } from 'node:fs';
import {
  blockNames,
  camel,
  PLATFORM_SPECIFIC,
  readAction,
  readTask,
  renderReadme,
  STEPS,
  tables,
} from '../scripts/docs-tables.js';
import { ROOT } from './helpers/github.js';

test('README generated tables are current (run npm run docs after changing action.yml or task.json)', () => {
  const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
  expect(blockNames(readme).sort()).toEqual(Object.keys(tables(ROOT)).sort());
  expect(renderReadme(ROOT, readme)).toBe(readme);
});

describe.each(STEPS)('$key: GitHub and Azure DevOps inputs match', (step) => {
  const action = readAction(ROOT, step.action);
  const task = readTask(ROOT, step.task);
  const azure = new Map(task.inputs.map((i) => [i.name, i]));
  const github = new Map(
    Object.entries(action.inputs).map(([k, v]) => [camel(k), { key: k, ...v }]),
  );

  test('every GitHub input has its Azure counterpart with the same default, or is listed as GitHub-only', () => {
    for (const [name, g] of github) {
      if (PLATFORM_SPECIFIC[`github:${g.key}`]) {
        expect(azure.has(name)).toBe(false);
        continue;
      }
      expect({ input: g.key, azure: azure.has(name) }).toEqual({ input: g.key, azure: true });
      expect({ input: g.key, default: azure.get(name)!.defaultValue ?? '' }).toEqual({
        input: g.key,
        default: g.default ?? '',
      });
    }
  });

  test('every Azure input has its GitHub counterpart, or is listed as Azure-only', () => {
    for (const name of azure.keys()) {
      const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      if (PLATFORM_SPECIFIC[`azure:${kebab}`]) continue;
      expect({ input: name, github: github.has(name) }).toEqual({ input: name, github: true });
    }
  });

  test('outputs match', () => {
    expect(task.outputVariables.map((o) => o.name).sort()).toEqual(
      Object.keys(action.outputs).map(camel).sort(),
    );
  });
});
