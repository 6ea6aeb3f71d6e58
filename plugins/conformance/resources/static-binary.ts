import { defineResource } from '../../../core/index.js';
import { testImagePng } from '../media.js';
import { conformanceScope } from '../scope.js';

/** `test://static-binary`: a fixed binary (PNG) resource, sent as a base64 blob. */
export const staticBinaryResource = defineResource({
  uri: 'test://static-binary',
  name: 'static-binary',
  title: 'Static Binary Resource',
  description: 'A static binary resource (image) for testing',
  mimeType: 'image/png',
  scopes: [conformanceScope],
  read: ({ uri }) => [{ uri, mimeType: 'image/png', blob: testImagePng }],
});
