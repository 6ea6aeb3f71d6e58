// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layeringRule } from './eslint/layering-rule.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'data/**',
      'coverage/**',
      'bin/**',
      'eslint.config.js',
      'eslint/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'max-params': ['error', 3],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Use named exports (config files are the exception).',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly' },
    },
  },
  {
    files: ['core/**/*.ts', 'plugins/**/*.ts', 'examples/**/*.ts', 'testing/**/*.ts'],
    plugins: { servicedesk: { rules: { layering: layeringRule } } },
    rules: { 'servicedesk/layering': 'error' },
  },
  {
    files: ['core/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // oidc-provider's code loads only through core/oauth/oidc-provider.ts, which keeps its
    // Node 20 "Unsupported runtime" line quiet (ADR 0021); its types may be imported anywhere.
    files: ['**/*.ts'],
    ignores: ['core/oauth/oidc-provider.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'oidc-provider',
              message: 'Import Provider and errors from core/oauth/oidc-provider.ts (ADR 0021).',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Views render text written by end users: the DOM is built with views/kit/dom.ts, never by
    // parsing markup.
    files: ['views/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['innerHTML', 'outerHTML', 'insertAdjacentHTML'].map((property) => ({
          property,
          message: 'Build the DOM with h()/svg() from views/kit/dom.ts; text goes in as text.',
        })),
        ...['write', 'writeln'].map((property) => ({
          object: 'document',
          property,
          message: 'Build the DOM with h()/svg() from views/kit/dom.ts; text goes in as text.',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Use named exports (config files are the exception).',
        },
        {
          selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML|insertAdjacentHTML)$/]',
          message: 'Build the DOM with h()/svg() from views/kit/dom.ts; text goes in as text.',
        },
        {
          selector: 'MemberExpression[property.value=/^(innerHTML|outerHTML|insertAdjacentHTML)$/]',
          message: 'Build the DOM with h()/svg() from views/kit/dom.ts; text goes in as text.',
        },
      ],
    },
  },
  {
    files: ['**/*.config.ts', 'vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
