import { z } from 'zod';
import { defineTool, ToolError, type ToolContext } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

const nameSchema = {
  type: 'object' as const,
  properties: { name: { type: 'string' as const } },
  required: ['name'],
};

function needsElicitation(ctx: ToolContext<unknown>): NonNullable<ToolContext<unknown>['elicit']> {
  if (!ctx.elicit) throw new ToolError('This client does not support elicitation.');
  return ctx.elicit;
}

/** Asks a yes/no confirmation under the key `confirm`. */
async function askToConfirm(ctx: ToolContext<unknown>): Promise<void> {
  await needsElicitation(ctx)(
    {
      message: 'Please confirm',
      requestedSchema: {
        type: 'object',
        properties: { ok: { type: 'boolean' } },
        required: ['ok'],
      },
    },
    { key: 'confirm' },
  );
}

/** A fixture with no arguments. */
function fixture(
  name: string,
  description: string,
  handler: (ctx: ToolContext<Record<string, never>>) => Promise<string>,
) {
  return defineTool({
    name,
    title: name,
    description,
    input: z.object({}),
    scopes: [conformanceScope],
    handler,
  });
}

/**
 * The multi-round-trip (MRTR, SEP-2322) fixtures of the conformance suite's 2026-07-28
 * scenarios: each asks through `ctx.elicit`/`ctx.sample` under the key the scenario names, so
 * the core answers `input_required` and the retry completes the call.
 *
 * @example
 * definePlugin({ ..., tools: [...inputRequiredFixtures] });
 */
export const inputRequiredFixtures = [
  fixture(
    'test_input_required_result_elicitation',
    'Asks the user their name (MRTR)',
    async (ctx) => {
      const answer = await needsElicitation(ctx)(
        { message: 'What is your name?', requestedSchema: nameSchema },
        { key: 'user_name' },
      );
      return `Hello, ${String(answer.content?.['name'] ?? 'stranger')}!`;
    },
  ),
  fixture(
    'test_input_required_result_sampling',
    "Asks the client's model a question (MRTR)",
    async ({ sample }) => {
      if (!sample) throw new ToolError('This client does not support sampling.');
      const answer = await sample(
        {
          messages: [
            { role: 'user', content: { type: 'text', text: 'What is the capital of France?' } },
          ],
          maxTokens: 100,
        },
        { key: 'capital_question' },
      );
      return answer.content.type === 'text' ? answer.content.text : `[${answer.content.type}]`;
    },
  ),
  fixture(
    'test_input_required_result_request_state',
    'Asks for a confirmation carried in requestState',
    async (ctx) => {
      await askToConfirm(ctx);
      return 'state-ok: the confirmation came back with a valid requestState';
    },
  ),
  fixture(
    'test_input_required_result_multi_round',
    'Asks two questions, one round each',
    async (ctx) => {
      const elicit = needsElicitation(ctx);
      const name = await elicit(
        { message: 'Step 1: What is your name?', requestedSchema: nameSchema },
        { key: 'step1' },
      );
      const color = await elicit(
        {
          message: 'Step 2: What is your favorite color?',
          requestedSchema: {
            type: 'object',
            properties: { color: { type: 'string' } },
            required: ['color'],
          },
        },
        { key: 'step2' },
      );
      return `${String(name.content?.['name'])} likes ${String(color.content?.['color'])}`;
    },
  ),
  fixture(
    'test_input_required_result_tampered_state',
    'Asks once; a tampered requestState is refused',
    async (ctx) => {
      await askToConfirm(ctx);
      return 'confirmed';
    },
  ),
  fixture(
    'test_input_required_result_capabilities',
    'Asks only what the client declared it can answer',
    async ({ elicit, sample }) => {
      // Both asks are made before either is awaited, so one round carries every question.
      const [named, told] = await Promise.all([
        elicit?.(
          { message: 'What is your name?', requestedSchema: nameSchema },
          { key: 'user_name' },
        ),
        sample?.(
          {
            messages: [{ role: 'user', content: { type: 'text', text: 'Say hello.' } }],
            maxTokens: 20,
          },
          { key: 'greeting' },
        ),
      ]);
      if (!named && !told)
        throw new ToolError('This client supports neither elicitation nor sampling.');
      return `asked: ${[named && 'elicitation', told && 'sampling'].filter(Boolean).join(', ')}`;
    },
  ),
  fixture(
    'test_input_required_result_list_roots',
    "Asks for the client's roots (MRTR)",
    async ({ listRoots }) => {
      if (!listRoots) throw new ToolError('This client does not expose roots.');
      const { roots } = await listRoots({ key: 'client_roots' });
      return `Roots: ${roots.map((root) => root.uri).join(', ')}`;
    },
  ),
  fixture(
    'test_input_required_result_multiple_inputs',
    'Asks a name, a greeting and the roots in one round (MRTR)',
    async (ctx) => {
      const elicit = needsElicitation(ctx);
      if (!ctx.sample || !ctx.listRoots)
        throw new ToolError('This client needs elicitation, sampling and roots.');
      const [named, greeting, { roots }] = await Promise.all([
        elicit(
          { message: 'What is your name?', requestedSchema: nameSchema },
          { key: 'user_name' },
        ),
        ctx.sample(
          {
            messages: [{ role: 'user', content: { type: 'text', text: 'Generate a greeting' } }],
            maxTokens: 50,
          },
          { key: 'greeting' },
        ),
        ctx.listRoots({ key: 'client_roots' }),
      ]);
      const said = greeting.content.type === 'text' ? greeting.content.text : '';
      return `${said} ${String(named.content?.['name'])} (${roots.length} roots)`;
    },
  ),
];
