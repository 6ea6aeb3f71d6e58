import { definePlugin, type PluginDefinition } from '../../core/index.ts';
import { promptWithArguments } from './prompts/prompt-with-arguments.ts';
import { promptWithEmbeddedResource } from './prompts/prompt-with-embedded-resource.ts';
import { promptWithImage } from './prompts/prompt-with-image.ts';
import { simplePrompt } from './prompts/simple-prompt.ts';
import { staticBinaryResource } from './resources/static-binary.ts';
import { staticTextResource } from './resources/static-text.ts';
import { templateDataResource } from './resources/template-data.ts';
import { watchedResource, watchedResourceUri } from './resources/watched-resource.ts';
import { conformanceScope } from './scope.ts';
import { audioContentTool } from './tools/audio-content.ts';
import { elicitationDefaultsTool } from './tools/elicitation-defaults.ts';
import { elicitationEnumsTool } from './tools/elicitation-enums.ts';
import { elicitationTool } from './tools/elicitation.ts';
import { embeddedResourceTool } from './tools/embedded-resource.ts';
import { errorHandlingTool } from './tools/error-handling.ts';
import { imageContentTool } from './tools/image-content.ts';
import { jsonSchema202012Tool } from './tools/json-schema-2020-12.ts';
import { multipleContentTypesTool } from './tools/multiple-content-types.ts';
import { samplingTool } from './tools/sampling.ts';
import { simpleTextTool } from './tools/simple-text.ts';
import { toolWithLoggingTool } from './tools/tool-with-logging.ts';
import { toolWithProgressTool } from './tools/tool-with-progress.ts';

export { conformanceScope } from './scope.ts';
export { watchedResourceUri } from './resources/watched-resource.ts';

/** Options of {@link conformancePlugin}. */
export interface ConformancePluginOptions {
  /** How often `test://watched-resource` changes and its subscribers are told, in ms (default 3000). */
  readonly watchedResourceIntervalMs?: number;
}

/**
 * The fixtures `@modelcontextprotocol/conformance` expects of a server: tools returning every
 * content type, logging, progress, sampling and elicitation, resources (fixed, binary, templated,
 * subscribable), prompts and completions. Serve it on a stateful collection, since sampling and
 * elicitation need a session.
 *
 * @example
 * defineConfig({ plugins: [conformancePlugin()], collections: [defineCollection({ id: 'conformance',
 *   title: 'Conformance', plugins: ['conformance'], grant: [conformanceScope], auth: 'none', session: 'stateful' })] })
 */
export function conformancePlugin(options: ConformancePluginOptions = {}): PluginDefinition {
  const watched = watchedResource();
  const intervalMs = options.watchedResourceIntervalMs ?? 3000;
  return definePlugin({
    id: 'conformance',
    version: '0.1.0',
    description: 'Fixtures for the MCP conformance suite.',
    scopes: { [conformanceScope]: 'Use the MCP conformance test fixtures' },
    tools: [
      simpleTextTool,
      imageContentTool,
      audioContentTool,
      embeddedResourceTool,
      multipleContentTypesTool,
      toolWithLoggingTool,
      toolWithProgressTool,
      errorHandlingTool,
      samplingTool,
      elicitationTool,
      elicitationDefaultsTool,
      elicitationEnumsTool,
      jsonSchema202012Tool,
    ],
    resources: [staticTextResource, staticBinaryResource, watched.definition],
    resourceTemplates: [templateDataResource],
    prompts: [simplePrompt, promptWithArguments, promptWithEmbeddedResource, promptWithImage],
    setup(ctx) {
      const timer = setInterval(() => {
        watched.advance();
        ctx.notifyResourceUpdated(watchedResourceUri);
      }, intervalMs).unref();
      return { close: () => clearInterval(timer) };
    },
  });
}
