/**
 * Loopback peers for write-back, with the real services' semantics:
 * - GitHub's Actions secrets API: a real X25519 key pair per store, the public key served as
 *   GitHub serves it, every PUT opened with libsodium's crypto_box_seal_open (a value sealed
 *   for the wrong key does not open: 422), names as GitHub checks them, 404 for a missing
 *   secret or a token without access, and faults on demand.
 * - Azure DevOps variable groups: the whole group replaced on PUT, secret values returned as
 *   null, and a null sent back keeping the stored value.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sodium from 'libsodium-wrappers';

export interface SeenCall {
  method: string;
  path: string;
  authorization?: string;
  body: string;
  at: number;
}

function listen(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void) {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  return new Promise<{ server: Server; origin: string }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

const json = (res: ServerResponse, status: number, body?: unknown) => {
  res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
  res.end(body === undefined ? '' : JSON.stringify(body));
};

/** What both peers share with each other: the calls they saw, injected faults, a bearer token. */
interface Recorder {
  calls: SeenCall[];
  token: string;
  fault?: (call: SeenCall, puts: number) => number | undefined;
}

/**
 * Record a request, then answer it with an injected fault or a 401 for the wrong token;
 * the call when the peer should go on and answer it itself.
 */
function admit(
  peer: Recorder,
  puts: { n: number },
  req: IncomingMessage,
  body: string,
  res: ServerResponse,
  unauthorized: string,
): SeenCall | undefined {
  const call: SeenCall = {
    method: req.method ?? '',
    path: req.url ?? '',
    authorization: req.headers.authorization,
    body,
    at: Date.now(),
  };
  peer.calls.push(call);
  if (call.method === 'PUT') puts.n++;
  const forced = peer.fault?.(call, puts.n);
  if (forced) return void json(res, forced, { message: 'Injected failure' });
  if (call.authorization !== `Bearer ${peer.token}`)
    return void json(res, 401, { message: unauthorized });
  return call;
}

export interface GithubSecretsPeer {
  apiUrl: string;
  calls: SeenCall[];
  /** Plaintext values, by `<store>/<NAME>` (store: `repo:owner/repo`, `env:owner/repo:env`, `org:owner`). */
  values: Map<string, string>;
  /** Organisation secrets' settings as last written. */
  orgSettings: Map<string, Record<string, unknown>>;
  /** The token a request must carry (Bearer). */
  token: string;
  /**
   * Answer a request with this status instead (after counting it): e.g. 403 on PUT, or 500 on
   * every PUT after the first.
   */
  fault?: (call: SeenCall, puts: number) => number | undefined;
  close(): Promise<void>;
}

export async function startGithubSecrets(opts: {
  token: string;
  secrets: Record<string, string>;
  org?: Record<string, { visibility: string; repositories?: number[] }>;
  /** GitHub's cap on secrets per store (100 per repository or environment): a new one past it is 422. */
  maxSecrets?: number;
}): Promise<GithubSecretsPeer> {
  await sodium.ready;
  const keys = new Map<
    string,
    { id: string; kp: { publicKey: Uint8Array; privateKey: Uint8Array } }
  >();
  const keyOf = (store: string) => {
    if (!keys.has(store))
      keys.set(store, { id: `key-${keys.size + 1}`, kp: sodium.crypto_box_keypair() });
    return keys.get(store)!;
  };
  const values = new Map(Object.entries(opts.secrets));
  const orgSettings = new Map<string, Record<string, unknown>>();
  const puts = { n: 0 };
  const peer: GithubSecretsPeer = {
    apiUrl: '',
    calls: [],
    values,
    orgSettings,
    token: opts.token,
    close: async () => undefined,
  };
  const { server, origin } = await listen((req, body, res) => {
    const call = admit(peer, puts, req, body, res, 'Bad credentials');
    if (!call) return;
    if (req.headers['x-github-api-version'] !== '2022-11-28')
      return json(res, 400, { message: 'API version missing' });
    const m =
      /^\/repos\/([^/]+\/[^/]+)\/actions\/secrets\/([^/?]+)(\/repositories)?(?:\?.*)?$/.exec(
        call.path,
      ) ??
      /^\/repos\/([^/]+\/[^/]+)\/environments\/([^/]+)\/secrets\/([^/?]+)$/.exec(call.path) ??
      /^\/orgs\/([^/]+)\/actions\/secrets\/([^/?]+)(\/repositories)?(?:\?.*)?$/.exec(call.path);
    if (!m) return json(res, 404, { message: 'Not Found' });
    const env = call.path.includes('/environments/');
    const org = call.path.startsWith('/orgs/');
    const store = org
      ? `org:${m[1]}`
      : env
        ? `env:${m[1]}:${decodeURIComponent(m[2]!)}`
        : `repo:${m[1]}`;
    const name = decodeURIComponent(env ? m[3]! : m[2]!);
    const { id, kp } = keyOf(store);
    if (name === 'public-key' && call.method === 'GET')
      return json(res, 200, {
        key_id: id,
        key: sodium.to_base64(kp.publicKey, sodium.base64_variants.ORIGINAL),
      });
    const key = `${store}/${name}`;
    if (org && m[3] && call.method === 'GET') {
      // GitHub pages this list: per_page defaults to 30 and is at most 100, page from 1.
      const q = new URL(call.path, 'http://x').searchParams;
      const per = Math.min(100, Number(q.get('per_page') ?? 30));
      const page = Number(q.get('page') ?? 1);
      const all = opts.org?.[name]?.repositories ?? [];
      return json(res, 200, {
        total_count: all.length,
        repositories: all
          .slice((page - 1) * per, page * per)
          .map((rid) => ({ id: rid, name: `repo-${rid}`, full_name: `${m[1]}/repo-${rid}` })),
      });
    }
    if (call.method === 'GET') {
      if (!values.has(key)) return json(res, 404, { message: 'Not Found' });
      return json(res, 200, {
        name,
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
        ...(org ? { visibility: opts.org?.[name]?.visibility ?? 'private' } : {}),
      });
    }
    if (call.method === 'DELETE') {
      if (!values.delete(key)) return json(res, 404, { message: 'Not Found' });
      return json(res, 204);
    }
    if (call.method === 'PUT') {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name))
        return json(res, 422, { message: 'Invalid secret name' });
      let b: Record<string, unknown>;
      try {
        b = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return json(res, 400, { message: 'Problems parsing JSON' });
      }
      if (b.key_id !== id) return json(res, 422, { message: 'Bad key_id' });
      if (org && !['all', 'private', 'selected'].includes(String(b.visibility)))
        return json(res, 422, { message: 'visibility is required' });
      let plain: string;
      try {
        plain = sodium.to_string(
          sodium.crypto_box_seal_open(
            sodium.from_base64(String(b.encrypted_value), sodium.base64_variants.ORIGINAL),
            kp.publicKey,
            kp.privateKey,
          ),
        );
      } catch {
        return json(res, 422, { message: 'Could not decrypt the value' });
      }
      const existed = values.has(key);
      const inStore = [...values.keys()].filter((k) => k.startsWith(`${store}/`)).length;
      if (!existed && opts.maxSecrets !== undefined && inStore >= opts.maxSecrets)
        return json(res, 422, { message: 'Validation Failed', errors: [{ code: 'custom' }] });
      values.set(key, plain);
      if (org)
        orgSettings.set(name, {
          visibility: b.visibility,
          selected_repository_ids: b.selected_repository_ids,
        });
      return json(res, existed ? 204 : 201, existed ? undefined : {});
    }
    return json(res, 404, { message: 'Not Found' });
  });
  peer.apiUrl = origin;
  peer.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return peer;
}

export interface GroupVariable {
  value: string | null;
  isSecret?: boolean;
}

export interface AzureGroupsPeer {
  collectionUri: string;
  calls: SeenCall[];
  /** The groups as stored (secret values in clear, as the service keeps them). */
  groups: Map<number, { name: string; type: string; variables: Record<string, GroupVariable> }>;
  token: string;
  fault?: (call: SeenCall, puts: number) => number | undefined;
  close(): Promise<void>;
}

export async function startAzureGroups(opts: {
  token: string;
  projectId: string;
  groups: Array<{
    id: number;
    name: string;
    type?: string;
    variables: Record<string, GroupVariable>;
  }>;
}): Promise<AzureGroupsPeer> {
  const groups = new Map(
    opts.groups.map((g) => [
      g.id,
      { name: g.name, type: g.type ?? 'Vsts', variables: structuredClone(g.variables) },
    ]),
  );
  const puts = { n: 0 };
  const peer: AzureGroupsPeer = {
    collectionUri: '',
    calls: [],
    groups,
    token: opts.token,
    close: async () => undefined,
  };
  /** As the service answers: secret values null. */
  const view = (id: number) => {
    const g = groups.get(id)!;
    return {
      id,
      name: g.name,
      type: g.type,
      description: '',
      variables: Object.fromEntries(
        Object.entries(g.variables).map(([k, v]) => [
          k,
          v.isSecret ? { value: null, isSecret: true } : { value: v.value },
        ]),
      ),
      variableGroupProjectReferences: [{ name: g.name, projectReference: { id: opts.projectId } }],
    };
  };
  const { server, origin } = await listen((req, body, res) => {
    const call = admit(peer, puts, req, body, res, 'Unauthorized');
    if (!call) return;
    const url = new URL(call.path, origin);
    if (url.searchParams.get('api-version') !== '7.1')
      return json(res, 400, { message: 'api-version' });
    const list = new RegExp(`^/org/${opts.projectId}/_apis/distributedtask/variablegroups$`).exec(
      url.pathname,
    );
    if (list && call.method === 'GET') {
      const name = url.searchParams.get('groupName');
      const hits = [...groups.keys()].filter((id) => groups.get(id)!.name === name).map(view);
      return json(res, 200, { count: hits.length, value: hits });
    }
    const one = new RegExp(
      `^/org/(?:${opts.projectId}/)?_apis/distributedtask/variablegroups/(\\d+)$`,
    ).exec(url.pathname);
    if (one && call.method === 'GET') {
      const id = Number(one[1]);
      return groups.has(id) ? json(res, 200, view(id)) : json(res, 404, { message: 'not found' });
    }
    if (one && call.method === 'PUT' && !url.pathname.includes(opts.projectId)) {
      const id = Number(one[1]);
      const g = groups.get(id);
      if (!g) return json(res, 404, { message: 'not found' });
      const b = JSON.parse(body) as {
        name?: string;
        variables?: Record<string, GroupVariable>;
        variableGroupProjectReferences?: unknown[];
      };
      if (!b.name || !Array.isArray(b.variableGroupProjectReferences))
        return json(res, 400, { message: 'name and variableGroupProjectReferences are required' });
      // The whole group is replaced: variables left out are gone; a secret sent as null keeps its value.
      const next: Record<string, GroupVariable> = {};
      for (const [k, v] of Object.entries(b.variables ?? {})) {
        next[k] =
          v.isSecret && v.value === null && g.variables[k]?.isSecret
            ? g.variables[k]!
            : { value: v.value, isSecret: v.isSecret };
      }
      g.variables = next;
      g.name = b.name;
      return json(res, 200, view(id));
    }
    return json(res, 404, { message: 'not found' });
  });
  peer.collectionUri = `${origin}/org/`;
  peer.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return peer;
}
