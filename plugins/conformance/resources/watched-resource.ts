import { defineResource, type ResourceDefinition } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/** The URI clients subscribe to in the subscription scenarios. */
export const watchedResourceUri = 'test://watched-resource';

/** The watched resource and the way to change it. */
export interface WatchedResource {
  readonly definition: ResourceDefinition;
  /** Moves the content on by one revision (the caller then notifies subscribers). */
  advance(): void;
}

/** `test://watched-resource`: text whose revision number grows each time it is advanced. */
export function watchedResource(): WatchedResource {
  let revision = 0;
  return {
    definition: defineResource({
      uri: watchedResourceUri,
      name: 'watched-resource',
      title: 'Watched Resource',
      description: 'A resource that changes periodically; subscribe to be told when it does',
      mimeType: 'text/plain',
      subscribable: true,
      scopes: [conformanceScope],
      read: ({ uri }) => [
        { uri, mimeType: 'text/plain', text: `Watched resource content (revision ${revision})` },
      ],
    }),
    advance() {
      revision++;
    },
  };
}
