// The repository's tests use the published testing kit's folders (servicedesk-mcp/testing).
export { createTempFolder, type TempFolder } from '../../testing/index.js';
