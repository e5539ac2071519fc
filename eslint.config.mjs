import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.tools/**',
      '.state/**',
      'test-results/**',
      'demo/**',
      'src/core/fast/generated/**',
      'tmp-*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is shared by the host, the webviews and Node: keep vscode and the DOM out of it.
    files: ['src/core/**/*.ts', 'src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['vscode'], patterns: ['node:*'] }],
      'no-restricted-globals': ['error', 'document', 'window', 'navigator'],
    },
  },
  {
    // The extension host never loads TensorFlow.js: activation stays cheap and the host bundle small.
    files: ['src/extension/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tensorflow/*'], message: 'TensorFlow.js runs in the webviews, never in the extension host.' },
            {
              group: ['**/core/tfjs', '**/core/tfjs/*'],
              message: 'src/core/tfjs needs TensorFlow.js: not in the host.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
);
