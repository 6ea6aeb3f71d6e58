import ts from 'typescript';

/** One `@throws {CODE} text` tag: the error code in braces, and when it is thrown. */
export interface ThrowsTag {
  readonly code: string;
  readonly text: string;
}

/** What the TSDoc comment of one declaration says, as plain text with Markdown inline code. */
export interface TsdocComment {
  /** The text before the first tag; paragraphs are separated by a blank line. */
  readonly summary: string;
  /** `@param name - text`, by parameter name. */
  readonly params: ReadonlyMap<string, string>;
  readonly returns: string | undefined;
  /** `@rowScope`: which rows a caller reaches, and which scopes that takes. */
  readonly rowScope: string | undefined;
  readonly throws: readonly ThrowsTag[];
  /** The code of each `@example`, as written. */
  readonly examples: readonly string[];
}

/** `{@link Name}` and `{@link Name | text}` read as inline code. */
function plainLinks(text: string): string {
  return text.replace(/\{@link\s+([^}|\s]+)\s*(?:\|\s*([^}]*))?\}/g, (_whole, target, label) =>
    typeof label === 'string' && label.trim() !== '' ? label.trim() : `\`${String(target)}\``,
  );
}

/** Joins a comment's wrapped lines into one line per paragraph. */
export function proseText(text: string): string {
  return plainLinks(text)
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

function commentText(comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
  return ts.getTextOfJSDocComment(comment) ?? '';
}

/** The text of a tag without the TSDoc hyphen that separates a parameter name from it. */
function tagText(tag: ts.JSDocTag): string {
  return proseText(commentText(tag.comment).replace(/^\s*-\s+/, ''));
}

/** The code of an `@example`, without a fence if the author wrote one. */
function exampleCode(tag: ts.JSDocTag): string {
  return commentText(tag.comment)
    .replace(/^\s*```[a-z]*\n|\n```\s*$/g, '')
    .trim();
}

const noComment: TsdocComment = Object.freeze({
  summary: '',
  params: new Map<string, string>(),
  returns: undefined,
  rowScope: undefined,
  throws: [],
  examples: [],
});

/**
 * Reads the TSDoc comment of `node` (the last one, when there are several). TypeScript parses
 * any block tag, so the custom `@rowScope` (declared in tsdoc.json) needs no plugin.
 *
 * @example
 * const { summary, rowScope, throws } = readTsdoc(methodSignature);
 */
export function readTsdoc(node: ts.Node): TsdocComment {
  const doc = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).at(-1);
  if (doc === undefined) return noComment;
  const params = new Map<string, string>();
  const throws: ThrowsTag[] = [];
  const examples: string[] = [];
  let returns: string | undefined;
  let rowScope: string | undefined;
  for (const tag of doc.tags ?? []) {
    if (ts.isJSDocParameterTag(tag)) params.set(tag.name.getText(), tagText(tag));
    else if (ts.isJSDocThrowsTag(tag)) {
      throws.push({ code: tag.typeExpression?.type.getText() ?? '', text: tagText(tag) });
    } else if (ts.isJSDocReturnTag(tag)) returns = tagText(tag);
    else if (tag.tagName.text === 'rowScope') rowScope = tagText(tag);
    else if (tag.tagName.text === 'example') examples.push(exampleCode(tag));
  }
  return {
    summary: proseText(commentText(doc.comment)),
    params,
    returns,
    rowScope,
    throws,
    examples,
  };
}
