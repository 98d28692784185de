import { parseTokenConfig } from '../../../src/core/oauth/token-config.js';
import { basicAuthorization, buildTokenRequest } from '../../../src/core/oauth/request.js';
import { inputs } from '../helpers.js';

const nasty = 'p%+: &=q';

test('Basic: RFC 6749 form-encodes id and secret before base64', () => {
  const h = basicAuthorization('id:with space', nasty);
  const decoded = Buffer.from(h.slice(6), 'base64').toString();
  expect(decoded).toBe('id%3Awith+space:p%25%2B%3A+%26%3Dq');
});

test('basic: credentials in the header only; post: in the body only; never in the URL', () => {
  const common = {
    'client-id': 'my id',
    'client-secret': nasty,
    'refresh-token': 'r&t=1',
    'token-url': 'https://a.example/token',
    scope: 'a b',
    audience: 'aud',
    resource: 'https://api.example/\nhttps://b.example/',
    'extra-params': 'k=v w',
  };
  const b = buildTokenRequest(parseTokenConfig(inputs({ ...common, 'client-auth': 'basic' })));
  expect(b.headers.authorization).toBe(basicAuthorization('my id', nasty));
  const form = new URLSearchParams(b.body);
  expect(form.get('client_secret')).toBeNull();
  expect(form.get('client_id')).toBeNull();
  expect(form.get('grant_type')).toBe('refresh_token');
  expect(form.get('refresh_token')).toBe('r&t=1');
  expect(form.get('scope')).toBe('a b');
  expect(form.get('audience')).toBe('aud');
  expect(form.getAll('resource')).toEqual(['https://api.example/', 'https://b.example/']);
  expect(form.get('k')).toBe('v w');
  expect(b.url.search).toBe('');
  expect(b.headers['content-type']).toBe('application/x-www-form-urlencoded');

  const p = buildTokenRequest(parseTokenConfig(inputs({ ...common, 'client-auth': 'post' })));
  expect(p.headers.authorization).toBeUndefined();
  const pf = new URLSearchParams(p.body);
  expect(pf.get('client_id')).toBe('my id');
  expect(pf.get('client_secret')).toBe(nasty);
});

test('a public client (no secret) sends client_id in the body', () => {
  const r = buildTokenRequest(
    parseTokenConfig(
      inputs({ 'client-id': 'pub', 'refresh-token': 'rt', 'token-url': 'https://a.example/t' }),
    ),
  );
  expect(r.headers.authorization).toBeUndefined();
  expect(new URLSearchParams(r.body).get('client_id')).toBe('pub');
});
