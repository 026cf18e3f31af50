import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'lib', 'node_modules', 'test-results', 'playwright-report', '.e2e', '.bench'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // CommonJS files (bin/wsjwt.cjs: a cold start without the ES module loader) load with require().
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Playwright fixtures must destructure their first argument, even when they use nothing from it.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    // The core is pure: no React, no UI, no store, no Node, no ws.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'zustand', 'zustand/*'],
              message: 'src/core is pure: no React or store.',
            },
            {
              group: ['node:*', 'ws', 'fs', 'http', 'net', 'path'],
              message: 'src/core runs in the browser too: no Node modules.',
            },
            {
              group: ['**/ui/**', '**/store/**', '**/app/**', '**/node/**'],
              message: 'src/core must not import the shells around it.',
            },
          ],
        },
      ],
    },
  },
  {
    // Sizes that keep the core readable (conventions.md): a file over ~400 lines or a function over ~80 asks
    // to be split by phase or by concern. Rule data (dialect strings, the close-code registry, the cause
    // catalog, fixtures) is exempt; so, until they are split, are the modules that were larger than this
    // when the rule came in (listed; remove a line once its module is split).
    files: ['src/core/**/*.ts'],
    ignores: [
      'src/core/**/*.test.ts',
      'src/core/**/*.test-helpers.ts',
      'src/core/**/*.fixtures.ts',
      'src/core/diagnosis/dialects/*.ts',
      'src/core/diagnosis/catalog.ts',
      'src/core/close-codes/registry.ts',
      'src/core/close-codes/conventions.ts',
      // Oversize before the rule (issue 12), owned elsewhere:
      'src/core/jws/mint.ts',
      'src/core/jws/triage.ts',
      'src/core/keys/parse-key.ts',
      'src/core/matrix/variants.ts',
      'src/core/pictures/lifetime.ts',
      'src/core/pictures/timeline.ts',
      'src/core/token/analyze.ts',
      'src/core/url/connection-url.ts',
    ],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/ui/**', '**/store/**', '**/app/**', 'react', 'react-dom', 'zustand'],
              message: 'src/node imports src/core only.',
            },
          ],
        },
      ],
    },
  },
);
