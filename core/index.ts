/**
 * The public API of servicedesk-mcp. Plugins and examples import only from here; anything not
 * exported here is internal and may change.
 */
export {
  definePlugin,
  type PluginDefinition,
  type PluginSpec,
  type PluginInstance,
} from './plugin/define-plugin.ts';
export type { PluginSetupContext } from './plugin/plugin-setup-context.ts';
export { defineServiceRef, type ServiceRef, type ServiceLocator } from './plugin/service-ref.ts';
export {
  defineTool,
  type ToolDefinition,
  type ToolSpec,
  type ToolAnnotations,
  type ToolReturn,
  type AnyToolDefinition,
} from './tool/define-tool.ts';
export type { ToolContext, ToolLogger, ProgressReporter } from './tool/tool-context.ts';
export { toolResult, type ToolResult } from './tool/tool-result.ts';
export { fromJsonSchema, type JsonSchemaShape } from './tool/json-schema-shape.ts';
export {
  defineResource,
  defineResourceTemplate,
  type ResourceDefinition,
  type ResourceTemplateDefinition,
  type ResourceReadContext,
  type Completer,
} from './resource/define-resource.ts';
export {
  definePrompt,
  type PromptDefinition,
  type PromptArgument,
} from './prompt/define-prompt.ts';
export {
  defineCollection,
  type CollectionDefinition,
  type CollectionSpec,
} from './collection/define-collection.ts';
export {
  defineConfig,
  type ServerConfig,
  type HttpSettings,
  type AuthSettings,
} from './config/define-config.ts';
export {
  createServer,
  type ServiceDeskServer,
  type ServedCollection,
} from './server/create-server.ts';
export {
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from './testing/start-test-server.ts';
export { ServiceDeskError, ToolError } from './errors/servicedesk-error.ts';
export type { ErrorCode } from './errors/error-codes.ts';
export type { Principal } from './auth/principal.ts';
export type { DevToken } from './auth/dev-token-verifier.ts';
export type { TokenVerifier, VerifiedToken } from './auth/token-verifier.ts';
export type { Scope, Role } from './scope/scope.ts';
export { defaultRolePolicy, type RolePolicy } from './scope/role-policy.ts';
export type { Database, DatabaseEngine } from './storage/database.ts';
export type { Migration, Migrations } from './storage/migration.ts';
export type { Logger } from './log/logger.ts';
