// Lint rules, including the process boundary: which room may import from which.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'stream',
  'worker_threads',
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'docs/**', 'test/fixtures/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Under verbatimModuleSyntax `import { type X }` still loads the module at run time; `import type` does not.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': true, 'ts-expect-error': true, 'ts-nocheck': true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure: no Node APIs.' },
            { group: ['electron', 'electron/*'], message: 'shared/ is pure: no Electron.' },
            { group: ['react', 'react-dom', 'dexie', 'zustand'], message: 'shared/ is pure: no UI libraries.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ may not import from another room.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node APIs.' },
            { group: ['electron', 'electron/*'], message: 'The renderer talks only through window.countersign.' },
            { group: ['**/electron/**'], message: 'The renderer may not import main-process code.' },
          ],
        },
      ],
    },
  },
  {
    // The stand-alone HTML verifier: browser code that runs from a file, with nothing of the app's.
    files: ['verifier-web/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The HTML verifier runs in a browser: no Node APIs.' },
            { group: ['electron', 'electron/*'], message: 'The HTML verifier runs in a browser: no Electron.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'The HTML verifier uses only shared/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/renderer/**'], message: 'The main process may not import renderer code.' }],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**'], message: 'The preload may not import main-process code.' },
            { group: nodeBuiltins, message: 'The preload is sandboxed: no Node APIs.' },
          ],
        },
      ],
    },
  },
  {
    // Prettier breaks code at 120 columns; this also holds strings, comments and template text to it.
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.js'],
    rules: { 'max-len': ['error', { code: 120 }] },
  },
  {
    // Electron is reached at run time only where it must be. The composition root (electron/main/index.ts) creates
    // the app, windows, sessions and IPC and hands them to the adapters (window.ts, protocol.ts, the electron-printer
    // and electron-evidence-browser), which take them as parameters and import Electron's types only, so that they
    // are tested with fakes. The preload (electron/preload/preload.ts) is a separate sandboxed bundle whose only way
    // to contextBridge and ipcRenderer is its own import. Types may be imported anywhere.
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
    ignores: ['electron/main/index.ts', 'electron/preload/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              allowTypeImports: true,
              message: 'Import Electron at run time only in electron/main/index.ts (or the preload); pass it in.',
            },
          ],
          patterns: [
            { group: ['electron/*'], allowTypeImports: true, message: 'Electron only in the composition root.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bin/**/*.mjs', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The command line's CommonJS helpers (bin/compile-cache.cjs), which its entry requires to spare the ES module
    // loader's work at each start.
    files: ['bin/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'max-len': ['error', { code: 120 }] },
  },
);
