import { defineResource } from '../../../core/index.ts';
import { testImagePng } from '../media.ts';
import { conformanceScope } from '../scope.ts';

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
