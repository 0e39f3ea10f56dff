import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The boundaries that keep the core testable without the Electron binary:
// - the core (everything under main/ but the desktop shell) never imports electron;
// - main never imports renderer code;
// - the renderer reaches main only through the contract.
const noElectron = {
  name: 'electron',
  message: 'The core must not import electron: put Electron wiring in main/desktop or main/index.ts.',
};
const noRenderer = {
  group: ['**/renderer/**', '../renderer', '../../renderer'],
  message: 'main must not import renderer code.',
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-artifacts/**', '.electron-native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['main/**/*.{ts,tsx,mjs,cjs}'],
    ignores: ['main/index.ts', 'main/desktop/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [noRenderer] }] },
  },
  {
    files: ['main/index.ts', 'main/desktop/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the core only through the contract.' }],
          patterns: [
            {
              regex: '(^|/)main/(?!contract/)',
              message: 'The renderer may import only main/contract from main.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
