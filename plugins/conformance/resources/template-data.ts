import { defineResourceTemplate } from '../../../core/index.js';
import { conformanceScope } from '../scope.js';

/** `test://template/{id}/data`: JSON that echoes the id matched from the URI. */
export const templateDataResource = defineResourceTemplate({
  uriTemplate: 'test://template/{id}/data',
  name: 'template',
  title: 'Resource Template',
  description: 'A resource template with parameter substitution',
  mimeType: 'application/json',
  scopes: [conformanceScope],
  read: ({ uri, params }) => {
    const id = String(params['id']);
    return [
      {
        uri,
        mimeType: 'application/json',
        text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }),
      },
    ];
  },
});
