/**
 * The presets and their regions are stated once, in PROVIDERS: the manifests, the
 * connection type and the help say them, and this test fails when any of them drifts.
 * (The CLI's help is made from PROVIDERS; the manifests are prose and are checked instead.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  PROVIDER_IDS,
  PROVIDERS,
  regionNames,
  regionSentences,
} from '../../../src/core/oauth/providers.js';
import { helpPage } from '../../../src/cli/help.js';
import { ROOT } from '../../helpers/github.js';

const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const flat = (s: string) => s.replace(/\s+/g, ' ');
const action = (f: string) =>
  parse(read(f)) as { inputs: Record<string, { description: string; default?: string }> };
const taskInputs = (task: string) =>
  (
    JSON.parse(read(`task/${task}/task.json`)) as {
      inputs: Array<{ name: string; helpMarkDown: string; options?: Record<string, string> }>;
    }
  ).inputs;
const taskInput = (task: string, name: string) => taskInputs(task).find((i) => i.name === name)!;
const connection = () => {
  const ext = JSON.parse(read('task/vss-extension.json')) as {
    contributions: Array<{
      properties?: {
        inputDescriptors?: Array<{
          id: string;
          description: string;
          values?: { possibleValues: Array<{ value: string }> };
        }>;
      };
    }>;
  };
  const descriptors = ext.contributions.flatMap((c) => c.properties?.inputDescriptors ?? []);
  return (id: string) => descriptors.find((d) => d.id === id)!;
};
/** The preset ids a text names, in order of first mention. */
const idsIn = (text: string) =>
  PROVIDER_IDS.map((id) => [id, text.search(new RegExp(`\\b${id}\\b`))] as const)
    .filter(([, at]) => at >= 0)
    .sort((a, b) => a[1] - b[1])
    .map(([id]) => id);

test('every place that lists the presets lists all of them, in the same order', () => {
  expect(idsIn(action('action.yml').inputs.provider!.description)).toEqual(PROVIDER_IDS);
  const provider = taskInput('OAuthTokenV1', 'provider');
  expect(Object.keys(provider.options!)).toEqual(PROVIDER_IDS);
  expect(idsIn(provider.helpMarkDown)).toEqual(PROVIDER_IDS);
  const conn = connection()('provider');
  expect(conn.values!.possibleValues.map((v) => v.value)).toEqual(PROVIDER_IDS);
  expect(idsIn(conn.description)).toEqual(PROVIDER_IDS);
  // The help wraps long lines: compare with its line breaks and padding folded.
  expect(flat(helpPage(['token']))).toContain(`--provider P ${PROVIDER_IDS.join(', ')}`);
});

test('client-auth auto names exactly the presets whose client authentication is post', () => {
  const posting = PROVIDER_IDS.filter((id) => PROVIDERS[id].clientAuth === 'post');
  const said = (text: string) => idsIn(flat(text).split('auto: post for ')[1]!.split(';')[0]!);
  expect(said(action('action.yml').inputs['client-auth']!.description)).toEqual(posting);
  expect(said(taskInput('OAuthTokenV1', 'clientAuth').helpMarkDown)).toEqual(posting);
});

test('every place that lists the regions says what PROVIDERS says', () => {
  const said = `${regionSentences(true).join('. ')}.`;
  expect(flat(action('action.yml').inputs.region!.description)).toContain(said);
  expect(taskInput('OAuthTokenV1', 'region').helpMarkDown).toContain(said);
  expect(connection()('region').description).toContain(`${regionSentences(false).join('. ')}.`);
  expect(flat(helpPage(['token']))).toContain(regionSentences(true).join('; '));
});

test("the maintenance step's regions are Site24x7's", () => {
  const names = regionNames(PROVIDERS.site24x7);
  const said = `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  const a = action('site24x7-maintenance/action.yml').inputs.region!;
  expect(flat(a.description)).toContain(`Site24x7 data centre: ${said}.`);
  expect(a.default).toBe(names[0]);
  const task = taskInput('Site24x7MaintenanceV1', 'region');
  expect(Object.keys(task.options!)).toEqual(names);
  expect(task.helpMarkDown).toContain(`Site24x7 data centre: ${said}.`);
});
