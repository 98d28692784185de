/**
 * What a window or a health gate covers: monitors, monitor groups or tags, each given by ID
 * or by display name (`name:value` for tags). Names resolve with one list call per kind and
 * exact matching; a name that matches none or several fails before anything is created.
 */
import type { Inputs } from '../inputs.js';
import { nearestMatches } from '../near.js';
import { serverText, t } from '../text.js';
import type { Site24x7Api } from './api.js';
import { arr, id, rec, str } from './json.js';

export type SelectionKind = 'monitors' | 'monitor-groups' | 'tags';

/** Site24x7's `selection_type` for each kind. */
export const SELECTION_TYPE: Record<SelectionKind, 1 | 2 | 3> = {
  'monitor-groups': 1,
  monitors: 2,
  tags: 3,
};

export const KIND_BY_TYPE: Record<number, SelectionKind> = {
  1: 'monitor-groups',
  2: 'monitors',
  3: 'tags',
};

const NOUN: Record<SelectionKind, [string, string]> = {
  monitors: ['monitor', 'monitors'],
  'monitor-groups': ['monitor group', 'monitor groups'],
  tags: ['tag', 'tags'],
};

export interface Selection {
  kind: SelectionKind;
  items: string[];
}

/** Site24x7 IDs are long numbers; anything else is a name. */
export const isId = (s: string) => /^\d{3,}$/.test(s);

/** Read the three selection inputs: exactly one kind, at least one item. */
export function parseSelection(inputs: Inputs): Selection {
  const given = (['monitors', 'monitor-groups', 'tags'] as const)
    .map((kind) => ({ kind, items: [...new Set(inputs.list(kind))] }))
    .filter((s) => s.items.length > 0);
  if (given.length === 0) {
    throw inputs.error(
      'monitors',
      t`is empty, and so are ${inputs.label('monitor-groups')} and ${inputs.label('tags')}`,
      t`name what the window covers: monitors, monitor groups or tags, by ID or display name (${inputs.label('tags')} as name:value)`,
    );
  }
  if (given.length > 1) {
    const [a, b] = given.map((g) => inputs.label(g.kind));
    throw inputs.error(
      given[1]!.kind,
      t`is set together with ${a}, but a Site24x7 maintenance window covers one kind (selection_type): monitors, monitor groups or tags`,
      t`keep one of ${a} and ${b}; for both kinds, run ${inputs.words.self} twice (one window each)`,
    );
  }
  return given[0]!;
}

export interface Monitor {
  id: string;
  name: string;
}

export interface Resolved {
  kind: SelectionKind;
  /** IDs of the selected monitors, groups or tags (what the window body lists). */
  ids: string[];
  /** Display text of each selected item, by ID (`web-1`, `env:prod`). */
  names: Map<string, string>;
  /** Every monitor covered, for outputs, the summary and health gates. */
  monitors: Monitor[];
}

interface Candidate {
  id: string;
  name: string;
}

interface MonitorRow extends Candidate {
  type: string;
  groups: string[];
  tags: string[];
}

/** Every monitor (ID, name, type, groups, tags); rows without a numeric ID are left out. */
export async function listMonitors(api: Site24x7Api): Promise<MonitorRow[]> {
  const { data } = await api.get('/monitors', 'monitor list request');
  return arr(data)
    .map((m) => {
      const r = rec(m);
      return {
        id: id(r.monitor_id),
        name: str(r.display_name),
        type: str(r.type),
        groups: arr(r.monitor_groups).map(id),
        tags: arr(r.tag_ids).map(id),
      };
    })
    .filter((m) => m.id);
}

export async function listGroups(
  api: Site24x7Api,
): Promise<Array<Candidate & { monitors: string[] }>> {
  const { data } = await api.get('/monitor_groups', 'monitor group list request');
  return arr(data)
    .map((g) => {
      const r = rec(g);
      return { id: id(r.group_id), name: str(r.display_name), monitors: arr(r.monitors).map(id) };
    })
    .filter((g) => g.id);
}

export async function listTags(api: Site24x7Api): Promise<Candidate[]> {
  const { data } = await api.get('/tags', 'tag list request');
  return arr(data)
    .map((tag) => {
      const r = rec(tag);
      const value = str(r.tag_value);
      return { id: id(r.tag_id), name: value ? `${str(r.tag_name)}:${value}` : str(r.tag_name) };
    })
    .filter((tag) => tag.id);
}

export function nearMatches(wanted: string, all: Candidate[], max = 5): Candidate[] {
  return nearestMatches(wanted, all, (c) => c.name, {
    max,
    // Tags: the same tag name with another value is worth showing (env:staging -> env:prod).
    adjust: (w, n, d) =>
      w.includes(':') && n.split(':')[0] === w.split(':')[0] ? Math.min(d, 2) : d,
  });
}

const show = (c: Candidate) => `'${serverText(c.name)}' (${c.id})`;

function pick(inputs: Inputs, kind: SelectionKind, item: string, all: Candidate[]): Candidate {
  const [one, many] = NOUN[kind];
  if (isId(item)) {
    const hit = all.find((c) => c.id === item);
    if (!hit) {
      throw inputs.error(
        kind,
        t`has the ID ${item}, which is not a ${one} of this account`,
        t`check the ID in the Site24x7 console (and the region and customer ID), or give the ${one}'s display name`,
      );
    }
    return hit;
  }
  // Tags: `name` alone matches a tag of that name whatever its value, when only one has it.
  const matches =
    kind === 'tags' && !item.includes(':')
      ? all.filter((c) => c.name === item || c.name.startsWith(`${item}:`))
      : all.filter((c) => c.name === item);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    const near = nearMatches(item, all);
    throw inputs.error(
      kind,
      t`names '${item}', which matches no ${one} (names match exactly, case included)`,
      near.length
        ? `did you mean ${near.map(show).join(', ')}?`
        : `check the name in the Site24x7 console; ${all.length} ${many} were listed`,
    );
  }
  throw inputs.error(
    kind,
    t`names '${item}', which matches ${matches.length} ${many}: ${matches.slice(0, 10).map(show).join(', ')}`,
    `give the ID of the one you mean instead of the name`,
  );
}

/** Resolve names to IDs and find every monitor covered. Sends only GETs. */
export async function resolveSelection(
  api: Site24x7Api,
  sel: Selection,
  inputs: Inputs,
): Promise<Resolved> {
  const monitors = await listMonitors(api);
  const byId = new Map(monitors.map((m) => [m.id, m]));
  const names = new Map<string, string>();
  const covered = new Map<string, Monitor>();
  const cover = (id: string) => {
    const m = byId.get(id);
    covered.set(id, { id, name: m?.name ?? id });
  };

  let candidates: Candidate[];
  let groups: Awaited<ReturnType<typeof listGroups>> = [];
  if (sel.kind === 'monitors') candidates = monitors;
  else if (sel.kind === 'monitor-groups') candidates = groups = await listGroups(api);
  else candidates = await listTags(api);

  const ids: string[] = [];
  for (const item of sel.items) {
    const hit = pick(inputs, sel.kind, item, candidates);
    if (!names.has(hit.id)) ids.push(hit.id);
    names.set(hit.id, hit.name);
  }
  for (const id of ids) {
    if (sel.kind === 'monitors') cover(id);
    else if (sel.kind === 'monitor-groups') {
      const g = groups.find((x) => x.id === id)!;
      for (const m of g.monitors) cover(m);
      for (const m of monitors) if (m.groups.includes(id)) cover(m.id);
    } else {
      for (const m of monitors) if (m.tags.includes(id)) cover(m.id);
    }
  }
  return { kind: sel.kind, ids, names, monitors: [...covered.values()] };
}

/** A resolution that found nothing to cover is a mistake worth stopping for. */
export function requireMonitors(r: Resolved, inputs: Inputs): void {
  if (r.monitors.length > 0) return;
  const [one] = NOUN[r.kind];
  throw inputs.error(
    r.kind,
    t`selects ${[...r.names.values()].map((n) => `'${serverText(n)}'`).join(', ')}, but no monitor is in that ${one}`,
    'select monitors directly, or add monitors to it in Site24x7',
  );
}
