import { Inputs, type InputSource } from '../../src/core/inputs.js';
import type { Runtime } from '../../src/core/runtime.js';
import type { HttpRequest, HttpResponse } from '../../src/core/net/http.js';

export function source(values: Record<string, string>, camel = false): InputSource {
  return {
    get: (k) => values[k] ?? '',
    label: (k) => (camel ? k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) : k),
  };
}

export function inputs(
  values: Record<string, string>,
  notices: string[] = [],
  camel = false,
): Inputs {
  return new Inputs(source(values, camel), { notice: (m) => notices.push(m) });
}

/** A runtime with a fake clock: sleeping advances time instantly and is recorded. */
export function fakeRuntime(replies: Array<HttpResponse | Error>, random = 0.5) {
  let t = 1_000_000;
  const sent: HttpRequest[] = [];
  const sleeps: number[] = [];
  const logs: string[] = [];
  const rt: Runtime = {
    now: () => t,
    random: () => random,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    send: async (req) => {
      sent.push(req);
      const r = replies[Math.min(sent.length - 1, replies.length - 1)]!;
      if (r instanceof Error) throw r;
      return r;
    },
    log: {
      debug: (m) => logs.push(`debug: ${m}`),
      info: (m) => logs.push(`info: ${m}`),
      notice: (m) => logs.push(`notice: ${m}`),
      warning: (m) => logs.push(`warning: ${m}`),
    },
  };
  return { rt, sent, sleeps, logs };
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(JSON.stringify(body)),
  };
}
