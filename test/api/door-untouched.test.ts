/** Mounting the API adds nothing to the access door: no security-header or API hooks on /v1/decide, /healthz, /metrics. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiWorld, type ApiWorld } from './api-support.ts';

describe('the door without the API\'s hooks', () => {
  let world: ApiWorld;
  before(async () => {
    world = await apiWorld('sqlite', { seed: false });
  });
  after(async () => world.close());

  test('/v1/decide, /healthz and /metrics answer without helmet headers or the API\'s request id', async () => {
    for (const url of ['/v1/decide', '/healthz', '/metrics']) {
      const r = await world.app.inject({ url, headers: { 'x-original-host': 'mail.example.org', 'x-original-uri': '/' } });
      assert.ok(r.statusCode < 500 || url === '/healthz', `${url}: ${r.statusCode}`);
      assert.equal(r.headers['content-security-policy'], undefined, url);
      assert.equal(r.headers['x-request-id'], undefined, url);
    }
    const api = await world.app.inject('/api/v1/me');
    assert.ok(api.headers['content-security-policy'] && api.headers['x-request-id']);
  });
});
