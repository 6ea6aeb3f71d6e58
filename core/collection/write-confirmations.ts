import type { CompiledTool } from '../tool/compile-tool.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { CollectionDefinition, WriteConfirmation } from './define-collection.js';

/**
 * Fails startup with `COLLECTION_CONFIRM_INVALID` when a collection's `confirm` names a tool it
 * does not offer, or a `when` argument the tool does not take, so a misspelt rule cannot
 * silently leave a write unconfirmed.
 *
 * @example
 * checkWriteConfirmations(collection, offered);
 */
export function checkWriteConfirmations(
  collection: CollectionDefinition,
  offered: ReadonlyMap<string, CompiledTool>,
): void {
  for (const [name, rule] of Object.entries(collection.confirm ?? {})) {
    const tool = offered.get(name);
    if (!tool) {
      throw new ServiceDeskError(
        'COLLECTION_CONFIRM_INVALID',
        `collection "${collection.id}": confirm names tool "${name}", which this collection does not offer; offered: ${[...offered.keys()].join(', ')}`,
      );
    }
    const properties = Object.keys(tool.listing.inputSchema.properties ?? {});
    for (const [argument, values] of Object.entries(rule.when ?? {})) {
      if (!properties.includes(argument) || !Array.isArray(values) || values.length === 0) {
        throw new ServiceDeskError(
          'COLLECTION_CONFIRM_INVALID',
          `collection "${collection.id}": confirm.${name}.when.${argument} must name an argument of ${name} (${properties.join(', ')}) with a non-empty list of values`,
        );
      }
    }
  }
}

/**
 * True when a call of `tool` with `args` needs the person's confirmation under `rule`.
 *
 * @example
 * needsConfirmation({ when: { action: ['resolve'] } }, { action: 'resolve' }); // true
 */
export function needsConfirmation(
  rule: WriteConfirmation | undefined,
  args: Readonly<Record<string, unknown>>,
): boolean {
  if (rule === undefined) return false;
  if (rule.when === undefined) return true;
  return Object.entries(rule.when).some(([argument, values]) =>
    values.includes(args[argument] as string | number | boolean),
  );
}
