/**
 * `npm run docs:reference`: writes docs/reference/desk-store.md, the reference of the desk
 * store, from the TSDoc of `DeskStore` and its parts and from the scopes `deskPlugin()` defines.
 * Warns about every method whose TSDoc lacks a summary, `@param`, `@returns` or `@rowScope`
 * (test/docs/desk-reference.test.ts fails on them, and on a page that differs from a fresh run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  deskReference,
  deskReferenceFile,
  deskReferencePath,
} from './desk-reference/desk-reference-page.js';

const { markdown, gaps } = await deskReference();
mkdirSync(dirname(deskReferenceFile), { recursive: true });
writeFileSync(deskReferenceFile, markdown);
for (const gap of gaps) console.warn(`desk reference: ${gap}`);
console.log(
  `wrote ${deskReferencePath}${gaps.length === 0 ? '' : ` (${gaps.length} gap(s) in the TSDoc)`}`,
);
