/**
 * Which requests the Azure Pipelines agent's proxy carries: one loopback rule with the one
 * that lets http:// through (core/url-policy.ts), then the agent's bypass list.
 */
import { jest } from '@jest/globals';
import { isLoopbackHost } from '../../src/core/url-policy.js';

// task-lib prints each variable it reads (and its own settings on load) as a
// ##vso[task.debug] line on stdout: kept out of the test output.
jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
const { agentProxyFor } = await import('../../src/platform/task-lib.js');
afterAll(() => jest.restoreAllMocks());

const saved = { ...process.env };
beforeEach(() => {
  process.env.AGENT_PROXYURL = 'http://proxy.corp.example:3128';
  process.env.AGENT_PROXYBYPASSLIST = '["\\\\.internal\\\\.example"]';
});
afterEach(() => {
  process.env = { ...saved };
});

test.each([
  ['http://127.0.0.1:8080/token', false],
  ['http://127.10.20.30/token', false],
  ['http://LOCALHOST:9000/token', false],
  ['http://[::1]:9000/token', false],
  // Names that go to DNS are not loopback, whatever they look like.
  ['https://127.evil.example/token', true],
  ['https://shop.localhost/token', true],
  ['https://accounts.zoho.eu/oauth/v2/token', true],
  ['https://auth.internal.example/token', false],
])('%s through the proxy: %s', (url, proxied) => {
  expect(agentProxyFor(url) !== undefined).toBe(proxied);
  // The same answer as the rule that lets http:// through.
  if (!url.includes('internal')) expect(isLoopbackHost(new URL(url).hostname)).toBe(!proxied);
});
