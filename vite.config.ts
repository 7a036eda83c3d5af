import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { lessonsPlugin } from './src/lessons/build/plugin.ts';
import { LongestFirstSequencer } from './test/sequencer.ts';

const FENGARI_DEFINE = { 'process.env.FENGARICONF': JSON.stringify(JSON.stringify({ LUA_COMPAT_FLOATSTRING: true })) };

// Relative base so the built site works under any path of a static host.
export default defineConfig(({ command }) => ({
  base: './',
  plugins: [react(), lessonsPlugin()],
  // fengari (the lazily loaded Lua VM) reads its options from process.env; see src/redis/lua/config.ts.
  // The dev server would turn a define into a global `process`, and fengari would then take its
  // Node paths (require('os')...) in the browser: there it is replaced in the pre-bundled fengari
  // only (vitest's node projects run fengari on Node's own process).
  define: command === 'build' ? FENGARI_DEFINE : {},
  optimizeDeps: { rolldownOptions: { transform: { define: FENGARI_DEFINE } } },
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  test: {
    globals: true,
    // The longest browser files start first, so the browser workers finish together (test/sequencer.ts).
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          // Vitest's default on a 2-core machine is one worker (cores - 1), which ran every file in turn.
          maxWorkers: 2,
          // Time limits catch hangs, not slowness (speed lives in benchmarks): a lab test that takes 4 s
          // alone must not fail at 5 s beside another worker.
          testTimeout: 20_000,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/browser/**', 'test/redis/large-memory.test.ts', 'node_modules/**'],
          setupFiles: ['test/setup-commands.ts'],
        },
      },
      {
        // Hundreds of MB per test and timing bounds: runs after every other project, alone.
        extends: true,
        test: {
          name: 'large-memory',
          environment: 'node',
          include: ['test/redis/large-memory.test.ts'],
          setupFiles: ['test/setup-commands.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          maxWorkers: 2,
          testTimeout: 20_000,
          include: ['src/**/*.test.tsx', 'test/**/*.test.tsx'],
          exclude: ['test/browser/**', 'node_modules/**'],
          setupFiles: ['test/setup-dom.ts', 'test/setup-commands.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          exclude: ['test/browser/lab-perf.test.ts', 'test/browser/links.test.ts', 'node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Labs pace every hop to at least 0.3 s of wall time (src/store/pacing.ts), so one request takes seconds at any speed.
          expect: { poll: { timeout: 15_000 } },
          // Browser files mostly wait on that wall-clock pacing: four at a time keep the CPU busy (the project took
          // 742 s at four, ~820 s at three; the whole CI run has 20 minutes).
          // They run after the node projects (a group of their own) and share one site build (buildSite's lock).
          maxWorkers: 4,
          sequence: { groupOrder: 2 },
        },
      },
      {
        // Frame rates and "answers a click within a second" need the machine to themselves: these run last, one at a time.
        extends: true,
        test: {
          name: 'browser-timed',
          environment: 'node',
          include: ['test/browser/lab-perf.test.ts', 'test/browser/links.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
}));
