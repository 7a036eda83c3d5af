// ESLint runs for one purpose: the layer order of docs/architecture.md (scripts/lint/layers.js).
// TypeScript 7 has no compiler API, so typescript-eslint cannot parse here; Babel's TypeScript
// preset only strips types, which is all an import check needs.
import { fileURLToPath } from 'node:url';
import babelParser from '@babel/eslint-parser';
import { layersPlugin } from './scripts/lint/layers.js';

const srcRoot = fileURLToPath(new URL('./src', import.meta.url));

export default [
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    // Tests beside the code may reach up (a format test compares against the server's output).
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    languageOptions: {
      parser: babelParser,
      parserOptions: {
        requireConfigFile: false,
        babelOptions: {
          babelrc: false,
          configFile: false,
          presets: [['@babel/preset-typescript', { onlyRemoveTypeImports: true }]],
        },
      },
    },
    // No inline config: a comment cannot switch the layer rule off (and other tools' disable
    // comments, e.g. react-hooks, name rules this config does not load).
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    plugins: { layers: layersPlugin(srcRoot) },
    rules: { 'layers/imports-point-down': 'error' },
  },
];
