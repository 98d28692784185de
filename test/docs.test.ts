/** The README's tables come from the action and task files, and the platforms agree. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  camel,
  FIGURE_PAGES,
  figureKeys,
  readFigures,
  referencePages,
  renderFigures,
  PLATFORM_SPECIFIC,
  readAction,
  readTask,
  renderBlocks,
  REPOSITORY_LINKED,
  repositoryLinks,
  STEPS,
} from '../scripts/docs-tables.js';
import { ROOT } from './helpers/github.js';

test('generated documentation is current (run npm run docs after changing action.yml, task.json, scopes or the benchmark)', () => {
  for (const [file, text] of Object.entries(referencePages(ROOT))) {
    expect({
      file,
      current: existsSync(`${ROOT}/${file}`) && readFileSync(`${ROOT}/${file}`, 'utf8') === text,
    }).toEqual({ file, current: true });
  }
  const figures = readFigures(ROOT);
  for (const file of FIGURE_PAGES) {
    const text = readFileSync(`${ROOT}/${file}`, 'utf8');
    expect(renderFigures(renderBlocks(text), figures)).toBe(text);
  }
});

test('every figure quoted in the docs comes from the benchmark run that wrote BENCHMARKS.md', () => {
  const figures = readFigures(ROOT);
  const used = FIGURE_PAGES.flatMap((f) => figureKeys(readFileSync(`${ROOT}/${f}`, 'utf8')));
  expect(used.length).toBeGreaterThan(10);
  for (const key of used) expect({ key, known: key in figures }).toEqual({ key, known: true });
  // The same run: BENCHMARKS.md shows the same ratios and date.
  const bench = readFileSync(`${ROOT}/BENCHMARKS.md`, 'utf8');
  expect(bench).toContain(
    `GitHub token, \`dist/main\`: ${figures['token.github.ratio']} the floor`,
  );
  expect(bench).toContain(`, ${figures.date}.`);
  // No hand-copied ratio outside a figure marker in the README.
  const readme = readFileSync(`${ROOT}/README.md`, 'utf8').replace(
    /<!-- figure:[^>]*-->[^<]*<!-- \/figure -->/g,
    '',
  );
  expect(readme).not.toMatch(/\b\d+(\.\d+)?x (the floor|what bare Node)/);
});

test('the README is short enough to read in five minutes, with a table of contents', () => {
  const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
  expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(25 * 1024);
  expect(readme).toContain('## Contents');
  const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  for (const s of [
    'In 30 seconds',
    'Try it before the first release',
    'Credentials',
    'Token on GitHub Actions',
    'Token on Azure Pipelines',
    'Command line',
    'Troubleshooting',
  ])
    expect(sections).toContain(s);
  // Credentials come before the first job section; maintainer material is elsewhere.
  expect(sections.indexOf('Credentials')).toBeLessThan(sections.indexOf('Token on GitHub Actions'));
  expect(readme).not.toContain('## Layout');
  expect(readme).toMatch(/npm ci\nnpm run demo[^\n]*\nnpm test/);
  // People round 2, finding 9: trying it comes first, and the opening says what it does.
  expect(sections.indexOf('Try it before the first release')).toBe(
    sections.indexOf('In 30 seconds') + 1,
  );
  const tryIt = readme.slice(readme.indexOf('## Try it'), readme.indexOf('## Credentials'));
  for (const said of ['npm run demo', 'npm run peers', 'npm pack', 'npm run package', 'uses: ./'])
    expect({ said, there: tryIt.includes(said) }).toEqual({ said, there: true });
  const opening = readme.slice(0, readme.indexOf('## Contents'));
  expect(opening).toMatch(/maintenance windows/i);
  // Every section is in the table of contents.
  const contents = readme.slice(readme.indexOf('## Contents'), readme.indexOf('## In 30'));
  for (const s of sections.filter((x) => x !== 'Contents'))
    expect({ s, listed: contents.includes(`[${s}]`) }).toEqual({ s, listed: true });
});

test('the README names every provider and scheme of the Azure DevOps connection type', () => {
  const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
  const connection = readme
    .slice(
      readme.indexOf('### The service connection'),
      readme.indexOf('### Use the token in later jobs'),
    )
    .replace(/\s+/g, ' ');
  const ext = JSON.parse(readFileSync(`${ROOT}/task/vss-extension.json`, 'utf8')) as {
    contributions: Array<{
      type: string;
      properties: {
        authenticationSchemes?: Array<{ displayName: string }>;
        inputDescriptors?: Array<{
          id: string;
          values?: { possibleValues?: Array<{ value: string }> };
        }>;
      };
    }>;
  };
  const type = ext.contributions.find((c) => c.type.endsWith('service-endpoint-type'))!.properties;
  const providers = type.inputDescriptors!.find((d) => d.id === 'provider')!.values!
    .possibleValues!;
  for (const { value } of providers)
    expect({ value, named: connection.includes(value) }).toEqual({ value, named: true });
  for (const { displayName } of type.authenticationSchemes!) {
    const name = displayName.split(' (')[0]!;
    expect({ name, named: connection.includes(`**${name}**`) }).toEqual({ name, named: true });
  }
});

// People round 2, finding 3: the README kept the client id in a secret, the guides in a
// variable; following both gave an empty client id. A client id is not a secret: a variable.
test('every page stores a client id as a variable, never as a secret', () => {
  const files = [
    'README.md',
    ...readdirSync(`${ROOT}/docs`, { recursive: true, encoding: 'utf8' }).map((f) => `docs/${f}`),
    ...readdirSync(`${ROOT}/examples`, { recursive: true, encoding: 'utf8' }).map(
      (f) => `examples/${f}`,
    ),
    'src/cli/exchange.ts',
    'src/cli/help.ts',
    'task/overview.md',
  ].filter((f) => /\.(md|ya?ml|ts)$/.test(f));
  const wrong: string[] = [];
  for (const f of files) {
    const text = readFileSync(`${ROOT}/${f}`, 'utf8');
    for (const m of text.matchAll(
      /secrets\.[A-Z0-9_]*CLIENT_ID\b|secret [`'"]?[A-Z0-9_]*CLIENT_ID\b/g,
    ))
      wrong.push(`${f}: ${m[0]}`);
  }
  expect(wrong).toEqual([]);
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

test('relative links in the README and docs point at files that exist, and anchors at headings', () => {
  const pages = [
    'README.md',
    'CONTRIBUTING.md',
    'SECURITY.md',
    'task/overview.md',
    ...FIGURE_PAGES,
    'docs/credentials/README.md',
    'docs/credentials/workato.md',
    'docs/credentials/datadog.md',
    'README.ja.md',
    ...readdirSync(`${ROOT}/docs`)
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
    ...Object.keys(referencePages(ROOT)),
  ];
  // GitHub's heading anchors: lower case, punctuation dropped (letters of any script kept),
  // spaces as hyphens.
  const slug = (h: string) =>
    h
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
  const bad: string[] = [];
  for (const page of [...new Set(pages)]) {
    const text = readFileSync(`${ROOT}/${page}`, 'utf8');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const link = m[1]!;
      if (/^[a-z]+:/.test(link)) continue;
      const [path, anchor] = link.split('#');
      const target = path ? join(dirname(`${ROOT}/${page}`), path) : `${ROOT}/${page}`;
      if (!existsSync(target)) {
        bad.push(`${page}: ${link}`);
        continue;
      }
      if (anchor && target.endsWith('.md')) {
        const headings = [...readFileSync(target, 'utf8').matchAll(/^#+ (.+)$/gm)].map((h) =>
          slug(h[1]!),
        );
        if (!headings.includes(anchor)) bad.push(`${page}: ${link} (no such heading)`);
      }
    }
  }
  expect(bad).toEqual([]);
});

// People round 2, finding 9: the overview's maintenance example minted a token per task.
test('every Site24x7 maintenance step in the docs is handed the token step’s access token', () => {
  const files = ['README.md', 'task/overview.md', 'docs/maintenance.md'];
  const minting: string[] = [];
  for (const f of files) {
    const text = readFileSync(`${ROOT}/${f}`, 'utf8');
    const steps = text.split(/\n(?=\s*- (?:task|uses): )/);
    for (const step of steps) {
      if (!/^\s*- (task: Site24x7Maintenance@1|uses: \S+\/site24x7-maintenance@)/.test(step))
        continue;
      const body = step.split(/\n\s*- (?:task|uses|script|run): /)[0]!;
      if (!/access-?[Tt]oken:/.test(body)) minting.push(`${f}: ${body.split('\n')[0]!.trim()}`);
    }
  }
  expect(minting).toEqual([]);
});

/** Code blocks, inline code and link targets of a Markdown page. */
function parts(text: string) {
  const blocks = [...text.matchAll(/```[a-z]*\n[\s\S]*?```/g)].map((m) => m[0]);
  const prose = text.replace(/```[a-z]*\n[\s\S]*?```/g, '');
  const inline = new Set([...prose.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\s+/g, ' ')));
  // The link to the page's other language is the one link only one of them has.
  const other = /^(README|zoho-site24x7)(\.ja)?\.md$/;
  const links = new Set(
    [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !other.test(l)),
  );
  return { blocks, inline, links };
}

// People round 2: the first users read Japanese. The Japanese pages say what the English ones
// say: the same commands, inputs and scopes, the same code, the same sources.
test('the Japanese credentials guide names the same inputs, commands, code and links', () => {
  const en = parts(readFileSync(`${ROOT}/docs/credentials/zoho-site24x7.md`, 'utf8'));
  const ja = parts(readFileSync(`${ROOT}/docs/credentials/zoho-site24x7.ja.md`, 'utf8'));
  expect(ja.blocks).toEqual(en.blocks);
  expect([...ja.links].sort()).toEqual([...en.links].sort());
  // Inline code: what the English names, the Japanese names (generated tables aside).
  const tableless = (s: Set<string>) =>
    [...s].filter((x) => !/^(GET|POST|PUT|DELETE) |\.All$/.test(x)).sort();
  expect(tableless(ja.inline)).toEqual(tableless(en.inline));
});

test("README.ja.md: its code is the README's, and what it names the README names", () => {
  const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
  const jaText = readFileSync(`${ROOT}/README.ja.md`, 'utf8');
  const en = parts(readme);
  const ja = parts(jaText);
  for (const b of ja.blocks)
    expect({ block: b.slice(0, 60), inReadme: en.blocks.includes(b) }).toEqual({
      block: b.slice(0, 60),
      inReadme: true,
    });
  // The first sections' code, where people start, is all there.
  const first = parts(
    readme.slice(readme.indexOf('## In 30 seconds'), readme.indexOf('## Credentials')),
  );
  for (const b of first.blocks) expect(ja.blocks).toContain(b);
  for (const x of ja.inline)
    expect({ x, inReadme: readme.includes(x) }).toEqual({ x, inReadme: true });
  expect(readme).toContain('[日本語](README.ja.md)');
  expect(jaText).toContain('[English](README.md)');
});

test("the repository's address is stated once, in package.json, and the Marketplace links follow it", () => {
  // People round 2: the overview linked a guessed repository. Setting the address at the first
  // release is one edit of package.json and `npm run docs`.
  const root = mkdtempSync(join(tmpdir(), 'repo-address-'));
  mkdirSync(join(root, 'task'));
  for (const f of REPOSITORY_LINKED) writeFileSync(join(root, f), readFileSync(join(ROOT, f)));
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ repository: { url: 'git+https://github.com/example-org/token-tools.git' } }),
  );
  const pages = repositoryLinks(root);
  for (const f of REPOSITORY_LINKED) {
    const links = pages[f]!.match(/https:\/\/github\.com\/[^\s"')#]*/g) ?? [];
    expect({ f, links: links.length > 0 }).toEqual({ f, links: true });
    for (const l of links)
      expect({ f, l }).toEqual({
        f,
        l: expect.stringMatching(/^https:\/\/github\.com\/example-org\/token-tools(\/|$)/),
      });
  }
  expect(pages['task/vss-extension.json']).toContain(
    '"https://github.com/example-org/token-tools/issues"',
  );
  expect(pages['task/overview.md']).toContain(
    '(https://github.com/example-org/token-tools#readme)',
  );
  expect(() => JSON.parse(pages['task/vss-extension.json']!)).not.toThrow();
});
