// The repository's tests use the published testing kit's helper (servicedesk-mcp/testing).
export { call, type Called } from '../../testing/index.js';
