import { defineResource } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/** `test://static-text`: a fixed text resource. */
export const staticTextResource = defineResource({
  uri: 'test://static-text',
  name: 'static-text',
  title: 'Static Text Resource',
  description: 'A static text resource for testing',
  mimeType: 'text/plain',
  scopes: [conformanceScope],
  read: ({ uri }) => [
    { uri, mimeType: 'text/plain', text: 'This is the content of the static text resource.' },
  ],
});
