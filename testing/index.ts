/**
 * `servicedesk-mcp/testing`: what a plugin's tests need, for any test runner — a real server on
 * a free port (`startTestServer`), both database engines (`testEngines`), a tool-call helper
 * (`call`), tokens for a member of staff and an end user, and the demo desk. It imports only the
 * public API and the built-in plugins' entries.
 */
export {
  startTestServer,
  type TestServer,
  type TestServerOptions,
  type TestDatabaseSource,
} from '../core/index.js';
export { testEngines, type TestEngine } from './test-engines.js';
export {
  createFreshPostgresDatabase,
  testDatabaseUrl,
  type FreshDatabase,
} from './fresh-postgres-database.js';
export { call, type Called } from './call-tool.js';
export { createTempFolder, type TempFolder } from './temp-folder.js';
export {
  testToken,
  staffToken,
  endUserToken,
  type TestGrant,
  type TestTokenSpec,
} from './test-tokens.js';
export { demoDeskPlugin, demoDeskPlugins, type DemoDeskOptions } from './demo-desk.js';
