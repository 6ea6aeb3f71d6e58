// The repository's tests use the published testing kit's databases (servicedesk-mcp/testing).
export {
  createFreshPostgresDatabase,
  testDatabaseUrl,
  type FreshDatabase,
} from '../../testing/index.js';
