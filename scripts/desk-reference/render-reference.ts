import type { DeskStoreDoc, MethodDoc, PartDoc } from './desk-store-model.js';
import type { TypeDoc } from './referenced-types.js';
import type { ScopeRow } from './scope-table.js';
import type { TsdocComment } from './tsdoc-comment.js';

/** What the page is rendered from: the store as declared, and the desk's scopes. */
export interface ReferenceInput {
  readonly store: DeskStoreDoc;
  readonly scopes: readonly ScopeRow[];
}

/** The page's path from the repository root, and the way back up from it. */
const pageToRoot = '../../';

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const code = (text: string) => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);
const cell = (text: string) => text.replace(/\|/g, '\\|');
const sourceLink = (file: string) => `[${file}](${pageToRoot}${file})`;
const fence = (text: string) => ['```ts', text, '```', ''];

function methodHeading(method: MethodDoc): string {
  return `\`${method.path}\``;
}

function typeHeading(type: TypeDoc): string {
  return `\`${type.name}\``;
}

function partHeading(part: PartDoc): string {
  return `\`desk.${part.name}\` — \`${part.interfaceName}\``;
}

function typeLinks(names: readonly string[], types: readonly TypeDoc[]): string[] {
  const linked = names.flatMap((name) => {
    const type = types.find((t) => t.name === name || t.name.startsWith(`${name}<`));
    return type === undefined ? [] : [`[${code(type.name)}](#${anchorOf(typeHeading(type))})`];
  });
  return linked.length === 0 ? [] : [`**Types:** ${linked.join(', ')}`, ''];
}

function throwsList(comment: TsdocComment): string[] {
  if (comment.throws.length === 0) return [];
  return ['**Throws:**', '', ...comment.throws.map((t) => `- ${code(t.code)} — ${t.text}`), ''];
}

function renderMethod(method: MethodDoc, types: readonly TypeDoc[]): string[] {
  const { comment } = method;
  const parameters = method.parameters.map((p) => {
    const name = `${p.name}${p.optional ? '?' : ''}: ${p.type}`;
    return `- ${code(name)}${p.doc === undefined ? '' : ` — ${p.doc}`}`;
  });
  return [
    `### ${methodHeading(method)}`,
    '',
    ...fence(method.signature),
    ...(comment.summary === '' ? [] : [comment.summary, '']),
    ...(parameters.length === 0 ? [] : ['**Parameters:**', '', ...parameters, '']),
    `**Returns:** ${code(method.returnType)}${comment.returns === undefined ? '' : ` — ${comment.returns}`}`,
    '',
    ...(comment.rowScope === undefined ? [] : [`**Row scope:** ${comment.rowScope}`, '']),
    ...throwsList(comment),
    ...comment.examples.flatMap((example) => ['**Example:**', '', ...fence(example)]),
    ...typeLinks(method.types, types),
  ];
}

function renderPart(part: PartDoc, types: readonly TypeDoc[]): string[] {
  return [
    `## ${partHeading(part)}`,
    '',
    ...(part.comment.summary === '' ? [] : [part.comment.summary, '']),
    ...part.comment.examples.flatMap(fence),
    `Declared in ${sourceLink(part.file)}.`,
    '',
    ...part.methods.flatMap((method) => renderMethod(method, types)),
  ];
}

function renderType(type: TypeDoc): string[] {
  const fields =
    type.fields.length === 0
      ? []
      : [
          '| Field | Type | Meaning |',
          '| --- | --- | --- |',
          ...type.fields.map(
            (f) =>
              `| ${code(f.optional ? `${f.name}?` : f.name)} | ${cell(code(f.type))} | ${cell(f.doc)} |`,
          ),
          '',
        ];
  return [
    `### ${typeHeading(type)}`,
    '',
    ...(type.summary === '' ? [] : [type.summary, '']),
    ...(type.definition === undefined ? [] : fence(type.definition)),
    ...fields,
    `Declared in ${sourceLink(type.file)}.`,
    '',
  ];
}

function renderScopes(scopes: readonly ScopeRow[]): string[] {
  return [
    '## Scopes',
    '',
    'The scopes the desk plugin defines (`deskPlugin().scopes`), with the text its consent page',
    'shows. The last column lists the store methods that check the scope themselves: each refuses',
    'a caller who holds none of the scopes its errors name (`tickets:read:*` means any of the',
    'three), and its row scope says which rows each extent reaches. A scope no method checks is',
    'checked only by the tools that declare it.',
    '',
    '| Scope | Consent text | Checked by |',
    '| --- | --- | --- |',
    ...scopes.map(
      (s) =>
        `| ${code(s.scope)} | ${cell(s.consent)} | ${s.checkedBy.map((m) => `[${code(m)}](#${anchorOf(`\`${m}\``)})`).join(', ') || '—'} |`,
    ),
    '',
  ];
}

function contents(store: DeskStoreDoc): string[] {
  const link = (text: string, heading: string) => `[${text}](#${anchorOf(heading)})`;
  const methods = (list: readonly MethodDoc[]) =>
    list.map((m) => link(code(m.path.split('.').at(-1)!), methodHeading(m))).join(', ');
  return [
    '## Contents',
    '',
    `- ${link('Scopes', 'Scopes')}`,
    ...(store.methods.length === 0 ? [] : [`- \`DeskStore\`: ${methods(store.methods)}`]),
    ...store.parts.map(
      (part) => `- ${link(code(`desk.${part.name}`), partHeading(part))}: ${methods(part.methods)}`,
    ),
    `- ${link('Types', 'Types')}`,
    '',
  ];
}

/**
 * The reference page as Markdown, before Prettier lays out its tables: the store's own text and
 * errors, the scopes, one section per part with every method, then the types they use.
 *
 * @example
 * const markdown = renderDeskReference({ store: readDeskStore(source), scopes: scopeRows(doc, scopes) });
 */
export function renderDeskReference({ store, scopes }: ReferenceInput): string {
  const { comment } = store;
  return [
    '<!-- Generated by `npm run docs:reference` (scripts/desk-reference.ts) from the TSDoc of',
    "     DeskStore and the desk plugin's scopes. Do not edit: change the TSDoc, then run it. -->",
    '',
    '# Desk store reference',
    '',
    comment.summary,
    '',
    ...comment.examples.flatMap(fence),
    `\`DeskStore\` is declared in ${sourceLink(store.file)}; how to use it from a plugin is in`,
    `[the desk store guide](../desk-store.md) and [writing a plugin](../writing-a-plugin.md).`,
    '',
    ...(comment.rowScope === undefined ? [] : [`**Row scope:** ${comment.rowScope}`, '']),
    ...(comment.throws.length === 0
      ? []
      : ['**Errors of every method:**', '', ...throwsList(comment).slice(2)]),
    ...contents(store),
    ...renderScopes(scopes),
    ...(store.methods.length === 0
      ? []
      : ['## `DeskStore`', '', ...store.methods.flatMap((m) => renderMethod(m, store.types))]),
    ...store.parts.flatMap((part) => renderPart(part, store.types)),
    '## Types',
    '',
    'The desk types the methods above take and return, and the types their fields use.',
    '',
    ...store.types.flatMap(renderType),
  ].join('\n');
}
