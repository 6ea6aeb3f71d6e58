import type { DeskStoreDoc, MethodDoc } from './desk-store-model.js';
import type { TsdocComment } from './tsdoc-comment.js';

function unknownCodes(where: string, comment: TsdocComment, codes: ReadonlySet<string>): string[] {
  return comment.throws
    .filter((t) => !codes.has(t.code))
    .map((t) => `${where}: @throws {${t.code}} is not an error code of core/errors/error-codes.ts`);
}

function methodGaps(method: MethodDoc, codes: ReadonlySet<string>): string[] {
  const { path, comment } = method;
  const declared = new Set(method.parameters.map((p) => p.name));
  return [
    ...(comment.summary === '' ? [`${path}: no summary`] : []),
    ...method.parameters
      .filter((p) => p.doc === undefined)
      .map((p) => `${path}: no @param ${p.name}`),
    ...[...comment.params.keys()]
      .filter((name) => !declared.has(name))
      .map((name) => `${path}: @param ${name} names no parameter`),
    ...(comment.returns === undefined && !/^(Promise<)?void>?$/.test(method.returnType)
      ? [`${path}: no @returns`]
      : []),
    ...(comment.rowScope === undefined ? [`${path}: no @rowScope`] : []),
    ...unknownCodes(path, comment, codes),
  ];
}

/**
 * What the store's TSDoc leaves out: a method without a summary, a `@param` for each parameter,
 * `@returns` or `@rowScope`, and any `@throws {CODE}` whose code does not exist. The reference test
 * fails on any, so a method added without them is caught.
 *
 * @example
 * documentationGaps(doc, new Set(Object.keys(errorCodes))); // ['tickets.get: no @rowScope']
 */
export function documentationGaps(store: DeskStoreDoc, codes: ReadonlySet<string>): string[] {
  return [
    ...(store.comment.summary === '' ? ['DeskStore: no summary'] : []),
    ...unknownCodes('DeskStore', store.comment, codes),
    ...store.methods.flatMap((method) => methodGaps(method, codes)),
    ...store.parts.flatMap((part) => [
      ...(part.comment.summary === '' ? [`${part.interfaceName}: no summary`] : []),
      ...part.methods.flatMap((method) => methodGaps(method, codes)),
    ]),
  ];
}
