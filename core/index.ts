/**
 * The public API of servicedesk-mcp. Plugins and examples import only from here; anything not
 * exported here is internal and may change.
 */
export {
  definePlugin,
  type PluginDefinition,
  type PluginSpec,
  type PluginInstance,
  type DynamicToolsDeclaration,
} from './plugin/define-plugin.js';
export type { PluginSetupContext } from './plugin/plugin-setup-context.js';
export type { PluginMessages } from './coordination/plugin-messages.js';
export {
  defineCommand,
  type PluginCommand,
  type PluginCommandContext,
  type CommandOption,
  type CommandArgument,
} from './plugin/define-command.js';
export { defineServiceRef, type ServiceRef, type ServiceLocator } from './plugin/service-ref.js';
export {
  defineExtensionPoint,
  type ExtensionPoint,
  type ExtensionContributor,
  type ExtensionFactory,
} from './plugin/extension-point.js';
export {
  defineTool,
  type ToolDefinition,
  type ToolSpec,
  type ToolAnnotations,
  type ToolReturn,
  type AnyToolDefinition,
} from './tool/define-tool.js';
export type {
  ToolContext,
  ToolLogger,
  ProgressReporter,
  NestedToolCaller,
  NestedCallOptions,
  AskOptions,
} from './tool/tool-context.js';
export { toolResult, type ToolResult } from './tool/tool-result.js';
export type { TaskInputRequest, TaskProgress, ToolTasks } from './tool/tool-tasks.js';
export { tasksCapability, tasksExtension } from './mcp/tasks/start-task.js';
export {
  defineView,
  viewMimeType,
  appsExtension,
  type ViewDefinition,
  type ViewSpec,
  type ViewCsp,
} from './view/define-view.js';
export { declaresApps, type ToolUi, type ToolVisibility } from './view/tool-ui.js';
export { viewActionsKey } from './view/view-actions.js';
export { bundledViewHtml } from './view/bundled-view.js';
export type { UnavailableTool, DynamicToolsOptions } from './tool/unavailable-tool.js';
export { fromJsonSchema, type JsonSchemaShape } from './tool/json-schema-shape.js';
export { untrustedText, untrustedTextNotice } from './tool/untrusted-text.js';
export { checkListedTool, type SchemaFinding } from './tool/schema-check.js';
export { schemaClients, type SchemaClient } from './tool/schema-rules.js';
export {
  defineResource,
  defineResourceTemplate,
  type ResourceDefinition,
  type ResourceTemplateDefinition,
  type ResourceReadContext,
  type Completer,
} from './resource/define-resource.js';
export {
  definePrompt,
  type PromptDefinition,
  type PromptArgument,
} from './prompt/define-prompt.js';
export {
  defineCollection,
  type CollectionDefinition,
  type CollectionSpec,
} from './collection/define-collection.js';
export {
  defineConfig,
  type ServerConfig,
  type HttpSettings,
  type AuthSettings,
} from './config/define-config.js';
export {
  createServer,
  type ServiceDeskServer,
  type ServedCollection,
} from './server/create-server.js';
export {
  startTestServer,
  type TestServer,
  type TestServerOptions,
  type TestDatabaseSource,
} from './testing/start-test-server.js';
export { ServiceDeskError, ToolError } from './errors/servicedesk-error.js';
export { ClientCapabilityRequired } from './tool/client-capability-required.js';
export type { ErrorCode } from './errors/error-codes.js';
export type { Principal } from './auth/principal.js';
export type { DevToken } from './auth/dev-token-verifier.js';
export type { TokenVerifier, VerifiedToken } from './auth/token-verifier.js';
export {
  accountProviderRef,
  type Account,
  type AccountProvider,
} from './oauth/account-provider.js';
export type { BuiltInAuthSettings, StaticClient } from './oauth/built-in-auth-settings.js';
export type { CallBudget, CallLimits } from './limits/call-limit-settings.js';
export { jwtVerifier } from './auth/jwt-verifier.js';
export type { ExternalIdentityProvider } from './auth/external-identity-provider.js';
export { anyOfVerifiers } from './auth/configured-verifier.js';
export type { Scope, Role } from './scope/scope.js';
export { defaultRolePolicy, type RolePolicy } from './scope/role-policy.js';
export type { Database, DatabaseEngine } from './storage/database.js';
export type { Migration, Migrations } from './storage/migration.js';
export type {
  RetentionRule,
  RetentionCountContext,
  RetentionBatchContext,
} from './retention/retention-rule.js';
export type { RetentionConfig, KeepDays } from './retention/retention-settings.js';
export { preparedMarker } from './storage/postgres-pool.js';
export type { Logger } from './log/logger.js';
