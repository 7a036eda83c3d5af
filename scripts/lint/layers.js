// The import-direction rule of docs/architecture.md, as a local ESLint plugin: a file in one
// folder of src/ may import only from its own folder and from lower tiers. Relative specifiers
// are resolved against the importing file, so `../cli/parse` from src/redis/ is src/redis/cli
// (allowed) while the same text from src/scenarios/ would be src/cli (refused).
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * Lowest tier first. A folder may import from any tier below its own, never from its own tier's
 * other folders or from above. Keep in step with "Layers" in docs/architecture.md.
 */
export const LAYER_TIERS = [
  ['engine'],
  ['redis', 'database'],
  ['scenarios', 'server'],
  ['store', 'cli'],
  ['player', 'diagrams'],
  ['components'],
  ['share'],
  ['lessons'],
  ['app', 'embed'],
  ['main.tsx'],
];

/**
 * Imports that break the order today and are being moved; each names the issue that removes it.
 * Keys are `from-folder -> to-path` (to-path relative to src/).
 */
export const TEMPORARY_EXCEPTIONS = new Map([
]);

const tierOf = new Map(LAYER_TIERS.flatMap((folders, tier) => folders.map((folder) => [folder, tier])));

/** @param {string} srcRoot absolute path of src/ */
export function layersPlugin(srcRoot) {
  return {
    rules: {
      'imports-point-down': {
        meta: {
          type: 'problem',
          docs: { description: 'imports point one way (docs/architecture.md, "Layers")' },
          schema: [],
        },
        create(context) {
          const file = context.filename;
          const fromPath = relative(srcRoot, file);
          if (fromPath.startsWith('..')) return {};
          const fromFolder = fromPath.split(sep)[0];
          const fromTier = tierOf.get(fromFolder);

          function check(node) {
            const spec = node.source?.value;
            if (typeof spec !== 'string' || !spec.startsWith('.')) return;
            const toPath = relative(srcRoot, resolve(dirname(file), spec));
            if (toPath.startsWith('..')) return;
            const toFolder = toPath.split(sep)[0];
            if (toFolder === fromFolder) return;
            const toTier = tierOf.get(toFolder);
            if (fromTier === undefined || toTier === undefined) {
              const missing = fromTier === undefined ? fromFolder : toFolder;
              context.report({
                node: node.source,
                message: `src/${missing} has no place in the layer order: add it to LAYER_TIERS (scripts/lint/layers.js) and docs/architecture.md`,
              });
              return;
            }
            if (toTier < fromTier) return;
            if (TEMPORARY_EXCEPTIONS.has(`${fromFolder} -> ${toPath.split(sep).join('/')}`)) return;
            const why = toTier === fromTier ? 'sits beside it in the same tier' : 'is a higher layer';
            context.report({
              node: node.source,
              message: `src/${fromFolder} may not import src/${toFolder} ('${spec}'): ${toFolder} ${why} (docs/architecture.md, "Layers")`,
            });
          }

          return {
            ImportDeclaration: check,
            ExportNamedDeclaration: check,
            ExportAllDeclaration: check,
            ImportExpression: check,
          };
        },
      },
    },
  };
}
