import type { PromptDefinition } from '../prompt/define-prompt.ts';
import type {
  ResourceDefinition,
  ResourceTemplateDefinition,
} from '../resource/define-resource.ts';
import type { CompiledTool } from '../tool/compile-tool.ts';

/** Everything one plugin contributed, static and from setup, checked and compiled. */
export interface PluginContributions {
  readonly pluginId: string;
  readonly tools: readonly CompiledTool[];
  readonly resources: readonly ResourceDefinition[];
  readonly resourceTemplates: readonly ResourceTemplateDefinition[];
  readonly prompts: readonly PromptDefinition[];
}
