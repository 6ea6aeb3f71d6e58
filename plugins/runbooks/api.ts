/**
 * What other plugins may import from the runbooks plugin (they list `runbooks` in `requires`):
 * the extension point through which they add runbooks, and how to write one.
 *
 * @example
 * import { defineRunbook, runbooksExtensionPoint } from '../runbooks/api.js';
 */
export { runbooksExtensionPoint, type RunbooksExtension } from './runbook-extension.js';
export {
  defineRunbook,
  type RunbookDefinition,
  type RunbookSpec,
  type RunbookStep,
  type RunMode,
  type StepErrorPolicy,
} from './define-runbook.js';
export type { StepCondition } from './step-condition.js';
export type { ArgumentTemplate, TemplateValue } from './template.js';
export type { RunView } from './run-view.js';
