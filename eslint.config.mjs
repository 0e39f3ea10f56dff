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
// The page and the preload load the contract's files, never zod: the argument schemas (and zod)
// are for the core and the transports, and the contract's type files take them as types only.
const ZOD_STAYS_OUT = 'zod and the argument schemas stay out of the page and the preload';
const noZod = { name: 'zod', message: `${ZOD_STAYS_OUT}.` };
const noSchemas = { group: ['**/contract/schemas', '**/contract/schemas/**', './schemas/**'], message: `${ZOD_STAYS_OUT}.` };

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
    files: ['main/contract/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ ...noZod, message: `${ZOD_STAYS_OUT}: the contract's type files import zod as types only.`, allowTypeImports: true }],
          patterns: [
            { ...noSchemas, message: `${ZOD_STAYS_OUT}: the contract's type files import them as types only.`, allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noZod], patterns: [noSchemas] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // What an effect's arrow returns, React keeps as its cleanup and calls: a concise body
      // returns its call's value, and a DOM method typed void may return one (Chromium's
      // scrollIntoView returns a Promise), which crashed the Answers dialog when React called it.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.name=/^use(Layout|Insertion)?Effect$/] > ArrowFunctionExpression[body.type!="BlockStatement"]',
          message:
            "An effect's body goes in braces, with `return` only for its cleanup: a concise arrow hands React its call's value as the cleanup.",
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the core only through the contract.' }, noZod],
          patterns: [
            {
              regex: '(^|/)main/(?!contract/)',
              message: 'The renderer may import only main/contract from main.',
            },
            noSchemas,
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
