import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['bin/**/*.js', 'scripts/**/*.{js,mjs}', 'tests/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core layer is pure: no I/O, no clock, no process. Enforced, not just promised.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'fs', 'path', 'child_process', 'electron', 'better-sqlite3', 'execa'] },
      ],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now' }],
    },
  },
  {
    // Spreading an array into a call puts every element on the stack: Math.max(...rows) and
    // push(...intervals) throw "Maximum call stack size exceeded" past ~100k elements. Loop,
    // or reduce, instead; a spread of a list that is bounded by construction says why in an
    // eslint-disable comment.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression > SpreadElement, NewExpression > SpreadElement',
          message: 'no array spread into call arguments: an unbounded array overflows the stack',
        },
      ],
    },
  },
  // The layers' borders (README, "How it is built"), enforced: each folder imports only what its layer may.
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/**', '**/main/**', '**/cli/**', '**/renderer/**', '**/preload/**'],
              message: 'shared is the contract: it imports nothing else of tt',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/core/**',
                '**/main/**',
                '**/cli/**',
                '**/preload/**',
                'node:*',
                'electron',
                'better-sqlite3',
                'execa',
              ],
              message: 'the renderer imports only shared: the TtApi, its types and the rules the views share',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', 'electron'],
              message: 'the dashboard host never loads the Electron shell',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/sessions/**', '**/main/streams/**', '**/main/time/**', '**/main/settings/**'],
              allowTypeImports: true,
              message: 'the command line calls the service (main/service), not its parts',
            },
          ],
        },
      ],
    },
  },
);
