/**
 * A forward proxy on 127.0.0.1 that records what goes through it: CONNECT tunnels (how
 * clients reach https, and any host via tunnel agents) and plain absolute-URI requests.
 * Optional Basic proxy authentication.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ProxyPeer {
  url: string;
  port: number;
  /** `host:port` of each CONNECT, and absolute URL of each forwarded request. */
  seen: Array<{ method: string; target: string; auth?: string }>;
  close(): Promise<void>;
}

export async function startProxy(
  opts: {
    user?: string;
    password?: string;
    /** CONNECT targets (`host:port`) routed to a loopback port. */
    routes?: Record<string, number>;
  } = {},
): Promise<ProxyPeer> {
  const seen: ProxyPeer['seen'] = [];
  const sockets = new Set<Socket>();
  const expected = opts.user
    ? `Basic ${Buffer.from(`${opts.user}:${opts.password ?? ''}`).toString('base64')}`
    : undefined;
  const authorised = (req: IncomingMessage) =>
    !expected || req.headers['proxy-authorization'] === expected;

  const server = createServer((req, res) => {
    seen.push({
      method: req.method ?? '',
      target: req.url ?? '',
      auth: req.headers['proxy-authorization'],
    });
    if (!authorised(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const url = new URL(req.url ?? '');
    const up = request(url, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push({
      method: 'CONNECT',
      target: req.url ?? '',
      auth: req.headers['proxy-authorization'],
    });
    sockets.add(client);
    if (!authorised(req)) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n',
      );
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    // Tunnels only to loopback (or a routed test host name, which is loopback too).
    const routed = opts.routes?.[req.url ?? ''];
    if (routed === undefined && host !== '127.0.0.1' && host !== 'localhost') {
      // A refusal whose body looks like a token answer and carries runner commands: a client
      // that reads the proxy's answer as the target's would take a token the proxy made up.
      const body = `{"access_token":"forged-by-the-proxy","expires_in":3600}\n##vso[task.setvariable variable=x]pwned\n::warning::pwned\n`;
      client.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return;
    }
    const upstream = connect(routed ?? Number(port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
