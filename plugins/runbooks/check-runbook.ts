import { ServiceDeskError } from '../../core/index.js';
import type { RunbookDefinition, RunbookStep } from './define-runbook.js';
import { isWellFormedPath } from './run-scope.js';
import { conditionPaths } from './step-condition.js';
import { templateReferences, type TemplateValue } from './template.js';

const snakeCase = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const toolName = /^[A-Za-z0-9_-]{1,64}$/;
/** What templates may read of an earlier step. */
const stepFields = ['result', 'text', 'status'];

/** Where a rule was broken, for a message naming the plugin, the runbook and the step. */
interface Place {
  readonly runbook: RunbookDefinition;
  readonly step?: RunbookStep;
}

function fail(place: Place, rule: string): never {
  const step = place.step ? `, step "${place.step.id}"` : '';
  throw new ServiceDeskError(
    'CONFIG_INVALID',
    `plugin "runbooks": runbook "${place.runbook.id}"${step}: ${rule}`,
  );
}

/** Why `path` is not something this step may read, or undefined when it may. */
function referenceProblem(
  path: string,
  context: { inputKeys: readonly string[]; earlier: readonly string[] },
): string | undefined {
  const [root, name, field] = path.split('.');
  const allowed =
    'a path may read input.<field> or steps.<earlier step>.result|text|status, ' +
    'as dot-separated names and indexes';
  if (path === '' || !isWellFormedPath(path)) return `"${path}" is not a path; ${allowed}`;
  if (root === 'input') {
    if (name !== undefined && context.inputKeys.includes(name)) return undefined;
    return `"${path}" names no field of the runbook's input (${context.inputKeys.join(', ') || 'none'})`;
  }
  if (root === 'steps') {
    if (name === undefined || !context.earlier.includes(name)) {
      return `"${path}" names no earlier step (earlier steps: ${context.earlier.join(', ') || 'none'}); a step reads only steps before it`;
    }
    if (field === undefined || !stepFields.includes(field)) {
      return `"${path}" must go on with .result, .text or .status after the step id`;
    }
    return undefined;
  }
  return `"${path}" starts with "${root}"; ${allowed}`;
}

function checkStep(
  step: RunbookStep,
  context: { runbook: RunbookDefinition; inputKeys: readonly string[]; earlier: string[] },
): void {
  const place = { runbook: context.runbook, step };
  if (typeof step.tool !== 'string' || !toolName.test(step.tool)) {
    fail(place, `tool "${String(step.tool)}" must be a tool name of 1–64 letters, digits, _ or -`);
  }
  if (step.onError !== undefined && step.onError !== 'stop' && step.onError !== 'continue') {
    fail(place, `onError is "${String(step.onError)}"; it must be "stop" or "continue"`);
  }
  const args: unknown = step.arguments ?? {};
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    fail(place, 'arguments must be an object of argument names to values or templates');
  }
  for (const { argument, path } of templateReferences(args as TemplateValue)) {
    const problem = referenceProblem(path, context);
    if (problem) fail(place, `argument "${argument}" refers to ${problem}`);
  }
  if (step.when !== undefined) {
    const found = conditionPaths(step.when);
    if ('problem' in found) fail(place, `when: ${found.problem}`);
    for (const path of found.paths) {
      const problem = referenceProblem(path, context);
      if (problem) fail(place, `when refers to ${problem}`);
    }
  }
}

/**
 * Checks a runbook when the plugin is built, so a bad one stops startup with CONFIG_INVALID
 * naming the runbook, the step and the rule it broke. A configured runbook's scopes start with
 * `runbooks:` (the plugin defines them); a `contributed` one's belong to its own plugin.
 *
 * @example
 * checkRunbook(raiseAndResolve);
 */
export function checkRunbook(
  runbook: RunbookDefinition,
  options: { readonly contributed?: boolean } = {},
): void {
  const place = { runbook };
  if (typeof runbook.id !== 'string' || !snakeCase.test(runbook.id)) {
    fail(place, 'the id must be snake_case: lower-case letters and digits joined by single _');
  }
  if (`run_${runbook.id}`.length > 64) {
    fail(place, `its tool run_${runbook.id} would be longer than 64 characters; shorten the id`);
  }
  if (!runbook.title?.trim() || !runbook.description?.trim()) {
    fail(place, 'give it a title and a description (written for a language model)');
  }
  const shape: unknown = (runbook.input as { shape?: unknown } | undefined)?.shape;
  if (typeof shape !== 'object' || shape === null) fail(place, 'input must be a z.object({...})');
  const inputKeys = Object.keys(shape);
  if (inputKeys.includes('mode')) {
    fail(place, 'input must not have a field "mode"; the plugin adds it (await or start)');
  }
  if (runbook.mode !== undefined && runbook.mode !== 'await' && runbook.mode !== 'start') {
    fail(place, `mode is "${String(runbook.mode)}"; it must be "await" or "start"`);
  }
  // A contributed runbook's scopes are its plugin's own, which the core checks.
  for (const scope of options.contributed === true ? [] : (runbook.scopes ?? [])) {
    if (!scope.startsWith('runbooks:')) {
      fail(place, `scope "${scope}" must start with "runbooks:" (the plugin defines it)`);
    }
  }
  for (const secret of runbook.secretArguments ?? []) {
    if (!inputKeys.includes(secret)) {
      fail(place, `secretArguments names "${secret}", which is not a field of its input`);
    }
  }
  if (runbook.steps.length === 0) fail(place, 'it needs at least one step');
  const earlier: string[] = [];
  for (const step of runbook.steps) {
    if (typeof step.id !== 'string' || !snakeCase.test(step.id)) {
      fail({ runbook, step }, 'the step id must be snake_case');
    }
    if (earlier.includes(step.id)) fail({ runbook, step }, 'step ids must be unique in a runbook');
    checkStep(step, { runbook, inputKeys, earlier });
    earlier.push(step.id);
  }
}

/**
 * The argument names of `step` to store as `[redacted]`: those it lists, and every argument
 * whose template reads a secret input field.
 *
 * @example
 * secretArgumentsOf(runbook, step) // ['password']
 */
export function secretArgumentsOf(runbook: RunbookDefinition, step: RunbookStep): string[] {
  const secretInputs = runbook.secretArguments ?? [];
  const derived = templateReferences(step.arguments ?? {})
    .filter(
      ({ path }) => secretInputs.includes(path.split('.')[1] ?? '') && path.startsWith('input.'),
    )
    .map(({ argument }) => argument.split('.')[0] ?? argument);
  return [...new Set([...(step.secretArguments ?? []), ...derived])];
}
