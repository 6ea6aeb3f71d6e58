// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layering = (zones) => ({
  'no-restricted-imports': ['error', { patterns: zones }],
});

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', 'bin/**', 'eslint.config.js'],
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
    files: ['core/**/*.ts'],
    rules: {
      'no-console': 'error',
      ...layering([
        {
          group: ['**/plugins/**', '**/examples/**'],
          message:
            'core must not import plugins or examples (imports point examples → plugins → core).',
        },
      ]),
    },
  },
  {
    files: ['plugins/**/*.ts'],
    rules: layering([
      { group: ['**/examples/**'], message: 'plugins must not import examples.' },
      {
        group: ['**/core/*/**', '!**/core/index.ts'],
        message: 'plugins use only core/index.ts, the public API.',
      },
    ]),
  },
  {
    files: ['examples/**/*.ts'],
    rules: layering([
      {
        group: ['**/core/*/**', '!**/core/index.ts'],
        message: 'examples use only core/index.ts, the public API.',
      },
    ]),
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
