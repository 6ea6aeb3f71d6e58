import { describe, expect, it } from 'vitest';
import {
  createServer,
  defineCollection,
  defineConfig,
  definePlugin,
  type ServerConfig,
  type TokenVerifier,
} from '../../../core/index.js';
import { resolveSettings } from '../../../core/server/settings.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { createTempFolder } from '../../helpers/temp-folder.js';
import { echoTool } from '../../helpers/test-tools.js';

const kb = definePlugin({
  id: 'kb',
  version: '1.0.0',
  scopes: { 'kb:read': 'Read articles' },
  tools: [echoTool('get_article', ['kb:read'])],
});
const base: ServerConfig = {
  plugins: [kb],
  collections: [defineCollection({ id: 'kb', title: 'KB', plugins: ['kb'], grant: ['kb:read'] })],
};
const devTokens = [
  {
    token: 'dev',
    name: 'dev',
    userId: 'u1',
    role: 'agent' as const,
    scopes: ['kb:read'],
    collections: ['kb'],
  },
];

describe('config startup checks', () => {
  it.each([
    ['bodyLimit', 0],
    ['maxSessions', 0],
    ['maxSessionsPerCaller', 2.5],
    ['sessionIdleTimeoutMs', -5],
    ['shutdownTimeoutMs', Number.NaN],
    ['shutdownIdleGraceMs', -1],
    ['maxConnectionsPerAddress', 0],
    ['maxPipelinedRequests', 1.5],
  ] as const)('CONFIG_INVALID for http.%s = %s', async (key, value) => {
    const error = await expectStartupError({ ...base, http: { [key]: value } }, 'CONFIG_INVALID');
    expect(error.message).toContain(`http.${key} is ${String(value)}`);
  });

  it.each([70000, -1, 1.5, Number.NaN])(
    'CONFIG_INVALID for http.port %s, saying what a port must be',
    async (port) => {
      const error = await expectStartupError({ ...base, http: { port } }, 'CONFIG_INVALID');
      expect(error.message).toContain(`port ${String(port)} is not a TCP port`);
      expect(error.message).toMatch(/set PORT to 0–65535/);
    },
  );

  it.each(['abc', '3000x', '99999'])(
    'CONFIG_INVALID for PORT=%j in the environment',
    async (port) => {
      const error = await expectStartupError(base, 'CONFIG_INVALID', { env: { PORT: port } });
      expect(error.message).toMatch(/is not a TCP port; set PORT to 0–65535/);
    },
  );

  it.each([
    ['http.host', { http: { host: '0.0.0.0' } }, {}],
    ['HOST', {}, { HOST: '0.0.0.0' }],
    ['a LAN address', { http: { host: '10.0.0.5' } }, {}],
  ])(
    'AUTH_DEV_TOKENS_PUBLIC for development tokens on a public address (%s)',
    async (_via, config, env) => {
      const error = await expectStartupError(
        { ...base, ...config, auth: { devTokens } },
        'AUTH_DEV_TOKENS_PUBLIC',
        { env },
      );
      expect(error.message).toMatch(/development tokens are refused on (0\.0\.0\.0|10\.0\.0\.5)/);
      expect(error.message).toMatch(/bind HOST to 127\.0\.0\.1 or configure a real verifier/);
    },
  );

  it.each([
    ['http.publicUrl', { http: { publicUrl: 'https://desk.example.com' } }, {}],
    ['PUBLIC_URL', {}, { PUBLIC_URL: 'https://abc123.tunnel.example' }],
  ])(
    'AUTH_DEV_TOKENS_PUBLIC for development tokens on loopback behind a public URL (%s)',
    async (_via, config, env) => {
      const error = await expectStartupError(
        { ...base, ...config, auth: { devTokens } },
        'AUTH_DEV_TOKENS_PUBLIC',
        { env },
      );
      expect(error.message).toMatch(/development tokens are refused when the public URL is https:/);
      expect(error.message).toMatch(/remove auth\.devTokens and sign in through OAuth/);
    },
  );

  it('a verifier that is not loopback-only may serve a public address', async () => {
    const folder = createTempFolder('config-verifier');
    const verifier: TokenVerifier = { kind: 'test', verify: () => Promise.resolve(undefined) };
    try {
      const server = await createServer(
        {
          ...base,
          http: { host: '0.0.0.0' },
          auth: { verifier },
          log: { level: 'silent' },
          databaseUrl: folder.file(),
        },
        { env: {} },
      );
      expect(server.settings.host).toBe('0.0.0.0');
      await server.close();
    } finally {
      folder.remove();
    }
  });
});

describe('settings', () => {
  it('config values win over the environment, and the environment over defaults', async () => {
    const folder = createTempFolder('config-settings');
    try {
      const fromEnv = await createServer(
        { ...base, log: { level: 'silent' } },
        {
          env: {
            HOST: 'localhost',
            PORT: '0',
            PUBLIC_URL: 'https://desk.example.com',
            DATABASE_URL: folder.file('env.db'),
            LOG_LEVEL: 'debug',
          },
        },
      );
      expect(fromEnv.settings).toMatchObject({
        host: 'localhost',
        port: 0,
        publicUrl: 'https://desk.example.com',
        storage: { engine: 'sqlite', url: folder.file('env.db') },
        // The config's log level wins over LOG_LEVEL.
        logLevel: 'silent',
      });
      await fromEnv.close();

      const fromConfig = await createServer(
        {
          ...base,
          http: { host: '127.0.0.1', port: 4321, bodyLimit: 2048 },
          databaseUrl: folder.file('config.db'),
          log: { level: 'silent' },
        },
        { env: { HOST: 'localhost', PORT: '1', DATABASE_URL: folder.file('env.db') } },
      );
      expect(fromConfig.settings).toMatchObject({
        host: '127.0.0.1',
        port: 4321,
        bodyLimit: 2048,
        storage: { engine: 'sqlite', url: folder.file('config.db') },
      });
      await fromConfig.close();
    } finally {
      folder.remove();
    }
  });

  it('defaults to 127.0.0.1:3000, no public URL and a 1 MiB body limit', () => {
    const settings = resolveSettings(base, {});
    expect(settings).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      publicUrl: undefined,
      bodyLimit: 1024 * 1024,
      storage: { engine: 'sqlite', url: './data/servicedesk.db' },
      logLevel: 'info',
    });
  });

  it('defineConfig freezes the config', () => {
    const config = defineConfig(base);
    expect(Object.isFrozen(config)).toBe(true);
    expect(config.plugins).toBe(base.plugins);
  });
});
