// Flat config: typescript-eslint's type-aware recommended rules for .ts, plain recommended for .js/.mjs/.cjs.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltin = 'Codecs are pure (no I/O): Node builtins are not allowed under codecs/.';

export default defineConfig(
  { ignores: ['**/dist/', '**/node_modules/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // tsconfig.test.json covers every .ts file: sources, tests and vitest configs.
        project: './tsconfig.test.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['codecs/*/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // Bare names (fs, fs/promises, net, dgram, child_process, ...) and every node:* form.
          paths: builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: nodeBuiltin })),
          patterns: [{ group: ['node:*'], message: nodeBuiltin }],
        },
      ],
    },
  },
);
