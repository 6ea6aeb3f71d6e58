import { describe, expect, it } from 'vitest';
import { isClientMetadataUrl } from '../../../core/oauth/client-metadata-documents.js';
import { isPublicAddress } from '../../../core/oauth/public-address.js';

describe('isPublicAddress', () => {
  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.215.14'])(
    '%s is public',
    (address) => expect(isPublicAddress(address)).toBe(true),
  );

  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    'localhost',
    '',
  ])('%j is not', (address) => expect(isPublicAddress(address)).toBe(false));
});

describe('isClientMetadataUrl', () => {
  it.each(['https://claude.ai/oauth/mcp-client.json', 'https://app.example:8443/c/client'])(
    '%s names a metadata document',
    (id) => expect(isClientMetadataUrl(id)).toBe(true),
  );

  it.each([
    'sdm-7f3a9b',
    'http://app.example/client.json',
    'https://app.example',
    'https://app.example/',
    'https://app.example/client.json#x',
    'https://user:pw@app.example/client.json',
    'https://app.example/a/../client.json',
    'https://app.example/./client.json',
  ])('%s does not', (id) => expect(isClientMetadataUrl(id)).toBe(false));
});
