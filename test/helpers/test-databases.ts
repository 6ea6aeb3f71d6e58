// The repository's tests use the published testing kit's engines (servicedesk-mcp/testing).
export { testEngines, type TestEngine } from '../../testing/index.js';
