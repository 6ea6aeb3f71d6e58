import { definePlugin, type PluginDefinition } from '../../core/index.js';
import { inputRequiredPrompt } from './prompts/input-required-prompt.js';
import { promptWithArguments } from './prompts/prompt-with-arguments.js';
import { promptWithEmbeddedResource } from './prompts/prompt-with-embedded-resource.js';
import { promptWithImage } from './prompts/prompt-with-image.js';
import { simplePrompt } from './prompts/simple-prompt.js';
import { staticBinaryResource } from './resources/static-binary.js';
import { staticTextResource } from './resources/static-text.js';
import { templateDataResource } from './resources/template-data.js';
import { watchedResource, watchedResourceUri } from './resources/watched-resource.js';
import { conformanceScope } from './scope.js';
import { audioContentTool } from './tools/audio-content.js';
import { elicitationDefaultsTool } from './tools/elicitation-defaults.js';
import { elicitationEnumsTool } from './tools/elicitation-enums.js';
import { elicitationTool } from './tools/elicitation.js';
import { embeddedResourceTool } from './tools/embedded-resource.js';
import { errorHandlingTool } from './tools/error-handling.js';
import { imageContentTool } from './tools/image-content.js';
import { jsonSchema202012Tool } from './tools/json-schema-2020-12.js';
import { multipleContentTypesTool } from './tools/multiple-content-types.js';
import {
  loggingTool,
  missingCapabilityTool,
  streamingElicitationTool,
} from './tools/modern-fixtures.js';
import { inputRequiredFixtures } from './tools/input-required-fixtures.js';
import { reconnectionTool } from './tools/reconnection.js';
import { samplingTool } from './tools/sampling.js';
import { simpleTextTool } from './tools/simple-text.js';
import { taskFixtures } from './tools/task-fixtures.js';
import { toolWithLoggingTool } from './tools/tool-with-logging.js';
import { toolWithProgressTool } from './tools/tool-with-progress.js';

export { conformanceScope } from './scope.js';
export { watchedResourceUri } from './resources/watched-resource.js';

/** Options of {@link conformancePlugin}. */
export interface ConformancePluginOptions {
  /** How often `test://watched-resource` changes and its subscribers are told, in ms (default 3000). */
  readonly watchedResourceIntervalMs?: number;
}

/**
 * The fixtures `@modelcontextprotocol/conformance` expects of a server: tools returning every
 * content type, logging, progress, sampling and elicitation, resources (fixed, binary, templated,
 * subscribable), prompts and completions; for 2026-07-28, multi-round-trip fixtures and the
 * Tasks extension's. Serve it on a stateful collection, since sampling and
 * elicitation need a session.
 *
 * @example
 * defineConfig({ plugins: [conformancePlugin()], collections: [defineCollection({ id: 'conformance',
 *   title: 'Conformance', plugins: ['conformance'], grant: [conformanceScope], auth: 'none', session: 'stateful' })] })
 */
export function conformancePlugin(options: ConformancePluginOptions = {}): PluginDefinition {
  const watched = watchedResource();
  const tasks = taskFixtures();
  const intervalMs = options.watchedResourceIntervalMs ?? 3000;
  return definePlugin({
    id: 'conformance',
    version: '0.1.0',
    description: 'Fixtures for the MCP conformance suite.',
    scopes: { [conformanceScope]: 'Use the MCP conformance test fixtures' },
    tools: [
      simpleTextTool,
      reconnectionTool,
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
      missingCapabilityTool,
      loggingTool,
      streamingElicitationTool,
      ...inputRequiredFixtures,
      ...tasks.tools,
    ],
    resources: [staticTextResource, staticBinaryResource, watched.definition],
    resourceTemplates: [templateDataResource],
    prompts: [
      simplePrompt,
      promptWithArguments,
      promptWithEmbeddedResource,
      promptWithImage,
      inputRequiredPrompt,
    ],
    setup(ctx) {
      const timer = setInterval(() => {
        watched.advance();
        ctx.notifyResourceUpdated(watchedResourceUri);
      }, intervalMs).unref();
      return {
        close: () => {
          clearInterval(timer);
          tasks.close();
        },
      };
    },
  });
}
