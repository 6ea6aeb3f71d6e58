import type { PromptDefinition } from '../prompt/define-prompt.js';
import type {
  ResourceDefinition,
  ResourceTemplateDefinition,
} from '../resource/define-resource.js';
import type { CompiledTool } from '../tool/compile-tool.js';

/** Everything one plugin contributed, static and from setup, checked and compiled. */
export interface PluginContributions {
  readonly pluginId: string;
  readonly tools: readonly CompiledTool[];
  readonly resources: readonly ResourceDefinition[];
  readonly resourceTemplates: readonly ResourceTemplateDefinition[];
  readonly prompts: readonly PromptDefinition[];
}
