/**
 * The second build: `dist/embed/cache-aside-lab.js` (the custom element, an ES module with its lazy
 * chunks beside it) and `dist/embed/frame.html` (the iframe page). Every CSS import becomes a
 * string handed to `src/embed/styles.ts`, so styles go into shadow roots, never the host's <head>.
 */
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const stylesModule = here('./src/embed/styles.ts');
const SHIM = '\0cal-embed-css:';

function cssIntoShadowRoots(): Plugin {
  return {
    name: 'cal-embed-css',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || importer.startsWith('\0') || !/\.css$/.test(source) || !/\.[cm]?[jt]sx?$/.test(importer)) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      // The `.js` ending keeps Vite's CSS pipeline off the shim itself.
      return resolved ? `${SHIM}${resolved.id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(SHIM)) return null;
      const file = id.slice(SHIM.length, -'.js'.length);
      return `import css from ${JSON.stringify(`${file}?inline`)};\nimport { addEmbedCss } from ${JSON.stringify(stylesModule)};\naddEmbedCss(css);\n`;
    },
  };
}

/** `examples/index.html` goes to `dist/examples/`, next to `dist/embed/`, so a static host serves both. */
function copyExample(): Plugin {
  let examples = '';
  return {
    name: 'cal-copy-example',
    apply: 'build',
    configResolved(config) {
      examples = join(config.build.outDir, '..', 'examples');
    },
    closeBundle() {
      mkdirSync(examples, { recursive: true });
      copyFileSync(here('./examples/index.html'), join(examples, 'index.html'));
    },
  };
}

export default defineConfig({
  root: here('./src/embed/pages'),
  base: './',
  publicDir: false,
  plugins: [react(), cssIntoShadowRoots(), copyExample()],
  build: {
    target: 'es2022',
    outDir: here('./dist/embed'),
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      input: {
        'cache-aside-lab': here('./src/embed/cache-aside-lab.ts'),
        frame: here('./src/embed/pages/frame.html'),
      },
      // The element must keep its exported-nothing side effects (customElements.define).
      preserveEntrySignatures: 'allow-extension',
      output: {
        entryFileNames: (chunk) => (chunk.name === 'cache-aside-lab' ? 'cache-aside-lab.js' : 'chunks/[name]-[hash].js'),
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'chunks/[name]-[hash][extname]',
      },
    },
  },
});
