/**
 * operation: end whatever Site24x7 says of a window's time zone (issue 24, finding 8), on the
 * built bundle. The API reference lists `timezone` for POST only, and what a read returns is
 * not documented: an IANA name, one of Java's short ids (PST, IST, as its examples and the
 * Terraform provider's use), or nothing. The step must end the window correctly in every case,
 * and never read a missing zone as UTC.
 */
import { runGithub } from '../helpers/github.js';
import { type Site24x7Peer, startSite24x7, wallToMs } from '../peers/site24x7.js';

let peer: Site24x7Peer;
beforeEach(async () => {
  peer = await startSite24x7();
});
afterEach(() => peer.close());

const run = (inputs: Record<string, string>) =>
  runGithub('dist/maintenance-main/index.js', inputs, {
    action: 'site24x7-maintenance/action.yml',
  });

/** A window opened now for an hour, in a zone far from UTC. */
async function open(token: string, zone: string): Promise<string> {
  const start = await run({
    'api-url': peer.apiUrl,
    'access-token': token,
    monitors: 'shop-web',
    duration: '60m',
    'time-zone': zone,
    'end-on-exit': 'false',
  });
  expect(start.code).toBe(0);
  return start.outputs['maintenance-id']!;
}

const endsAt = (id: string) => {
  const w = peer.windows.get(id)!;
  return wallToMs(String(w.end_date), String(w.end_time), String(w.timezone));
};

test.each([
  ['an IANA name', 'as-stored' as const, true],
  ["a Java short id (PST), PUT keeping the window's zone", 'short-id' as const, false],
  ['a Java short id (PST), PUT honouring its timezone', 'short-id' as const, true],
])(
  'a read that names the zone as %s: the window ends within the minute',
  async (_w, zoneOnRead, honours) => {
    const token = peer.issue();
    const id = await open(token, 'America/Los_Angeles');
    peer.zoneOnRead = zoneOnRead;
    peer.putHonoursZone = honours;
    const end = await run({
      'api-url': peer.apiUrl,
      'access-token': token,
      operation: 'end',
      'maintenance-id': id,
    });
    expect(end.commands.filter((c) => c.command === 'error')).toEqual([]);
    expect(end.code).toBe(0);
    const left = endsAt(id) - Date.now();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(120_000);
    if (zoneOnRead === 'short-id')
      expect(end.stdout).toContain("'PST' read as America/Los_Angeles (Java's ZoneId.SHORT_IDS)");
  },
);

test('a read with no zone: an error that says why, and the window is not touched (never read as UTC)', async () => {
  const token = peer.issue();
  const id = await open(token, 'America/Los_Angeles');
  const before = endsAt(id);
  peer.zoneOnRead = 'missing';
  const end = await run({
    'api-url': peer.apiUrl,
    'access-token': token,
    operation: 'end',
    'maintenance-id': id,
  });
  expect(end.code).toBe(1);
  const error = end.commands.find((c) => c.command === 'error')?.value ?? '';
  expect(error).toMatch(
    new RegExp(`Site24x7's read of window ${id} gives it no time zone.*This step does not guess`),
  );
  expect(peer.apiCalls(true).filter((c) => c.method !== 'POST')).toEqual([]);
  expect(endsAt(id)).toBe(before);
});

test('the post step, when the read gives no zone, ends the window with the body it sent', async () => {
  // Its own body says the zone, so the post step need not guess either.
  const token = peer.issue();
  const start = await run({
    'api-url': peer.apiUrl,
    'access-token': token,
    monitors: 'shop-web',
    duration: '60m',
    'time-zone': 'America/Los_Angeles',
  });
  expect(start.code).toBe(0);
  const id = start.outputs['maintenance-id']!;
  peer.zoneOnRead = 'missing';
  const post = await runGithub(
    'dist/maintenance-post/index.js',
    { 'api-url': peer.apiUrl, 'access-token': token },
    { action: 'site24x7-maintenance/action.yml', state: start.state },
  );
  expect(post.commands.filter((c) => c.command === 'error')).toEqual([]);
  expect(post.code).toBe(0);
  expect(post.stdout).toContain(`Site24x7's read of window ${id} cannot be used`);
  expect(peer.apiCalls(true).map((c) => c.method)).toEqual(['POST', 'PUT']);
  const left = endsAt(id) - Date.now();
  expect(left).toBeGreaterThan(0);
  expect(left).toBeLessThanOrEqual(120_000);
});
