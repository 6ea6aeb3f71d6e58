import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../core/index.js';
import { startupError } from '../../helpers/startup-error.js';

const token = 'scrape-token-0123456789';

/** GET /metrics with raw headers (fetch would not let a test set Host). */
function scrape(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/metrics`, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

// Every request from a test comes from loopback; a proxied one (X-Forwarded-For) is what a
// scrape from elsewhere looks like behind a proxy, and must be treated as one.
const proxied = { 'x-forwarded-for': '203.0.113.7' };

describe('/metrics access with a token configured, behind a proxy', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [],
      collections: [],
      config: { http: { trustProxy: true }, metrics: { token } },
    });
  });
  afterAll(() => t?.close());

  it('serves a direct loopback scrape without a token', async () => {
    const { status, body } = await scrape(t.url);
    expect(status).toBe(200);
    expect(body).toContain('# TYPE servicedesk_tool_calls_total counter');
  });

  it('refuses a proxied scrape without a token with 401 and no data', async () => {
    const { status, body } = await scrape(t.url, proxied);
    expect(status).toBe(401);
    expect(body).not.toContain('servicedesk_');
  });

  it('refuses a wrong token with 403 and no data', async () => {
    const { status, body } = await scrape(t.url, {
      ...proxied,
      authorization: `Bearer ${token}x`,
    });
    expect(status).toBe(403);
    expect(body).not.toContain('servicedesk_');
    expect(body).not.toContain(token);
  });

  it('serves a proxied scrape with the token', async () => {
    const { status, body } = await scrape(t.url, { ...proxied, authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(body).toContain('servicedesk_auth_failures_total');
  });

  it('keeps the Host check, so a page rebound to loopback cannot read it', async () => {
    const { status, body } = await scrape(t.url, { host: 'attacker.example:80' });
    expect(status).toBe(403);
    expect(body).not.toContain('servicedesk_tool_calls_total');
  });
});

describe('/metrics without a token configured', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [],
      collections: [],
      config: { http: { trustProxy: true } },
    });
  });
  afterAll(() => t?.close());

  it('refuses every proxied scrape, whatever it brings', async () => {
    const cases: Record<string, string>[] = [
      proxied,
      { ...proxied, authorization: 'Bearer anything-at-all-here' },
      { forwarded: 'for=203.0.113.7' },
    ];
    for (const headers of cases) {
      const { status, body } = await scrape(t.url, headers);
      expect(status).toBe(403);
      expect(body).toContain('METRICS_TOKEN');
      expect(body).not.toContain('servicedesk_tool');
    }
  });
});

describe('/metrics turned off', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [],
      collections: [],
      config: { metrics: { enabled: false } },
    });
  });
  afterAll(() => t?.close());

  it('is not served at all', async () => {
    const { status, body } = await scrape(t.url);
    expect(status).toBe(404);
    expect(body).not.toContain('servicedesk_');
  });
});

describe('metrics settings', () => {
  it('refuses a short token at startup, naming the setting', async () => {
    const error = await startupError({ plugins: [], collections: [], metrics: { token: 'short' } });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('metrics.token (METRICS_TOKEN)');
    expect(error.message).not.toContain('short');
  });

  it('refuses a METRICS_ENABLED that is not true or false', async () => {
    const error = await startupError(
      { plugins: [], collections: [] },
      { env: { METRICS_ENABLED: 'yes' } },
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('METRICS_ENABLED');
  });
});
