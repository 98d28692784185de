/**
 * Windows issue: the Azure Pipelines agent refuses attachment names that are not file names on
 * its OS (test/helpers/runner-model.ts), which made every Site24x7 health gate fail on Windows
 * agents. Every name the adapter gives passes the rules of every agent OS.
 */
import fc from 'fast-check';
import { attachmentName } from '../../src/platform/azure.js';
import { agentCommandProblems, INVALID_FILE_NAME } from '../helpers/runner-model.js';

test('the gate and window titles become names every agent accepts', () => {
  expect(attachmentName('Site24x7 health gate: passed')).toBe('Site24x7 health gate - passed');
  expect(attachmentName('Site24x7 maintenance window 9001')).toBe(
    'Site24x7 maintenance window 9001',
  );
  expect(attachmentName('  ')).toBe('Summary');
});

test('property: any title gives a name valid on Windows, Linux and macOS', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (title) => {
      const name = attachmentName(title);
      for (const rule of Object.values(INVALID_FILE_NAME)) expect(rule.test(name)).toBe(false);
      expect(name.length).toBeGreaterThan(0);
      expect(name.length).toBeLessThanOrEqual(100);
    }),
    { numRuns: 500 },
  );
});

test('the model itself: a colon fails on Windows only, a slash everywhere', () => {
  const cmd = (name: string) => [{ area: 'task.addattachment', props: { name } }];
  expect(agentCommandProblems(cmd('gate: passed'), 'windows')).toHaveLength(1);
  expect(agentCommandProblems(cmd('gate: passed'), 'linux')).toHaveLength(0);
  expect(agentCommandProblems(cmd('a/b'), 'linux')).toHaveLength(1);
});
