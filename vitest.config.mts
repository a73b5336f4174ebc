import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const requireFromApi = createRequire(path.resolve(__dirname, 'apps/api/package.json'));
const graphqlMain = requireFromApi.resolve('graphql');

// One run for every test of the monorepo: `pnpm test`.
export default defineConfig({
  test: {
    // Test files side by side, at least two at once: Vitest's default (CPUs − 1) is one on a
    // 2-core machine, where a file waiting on PostgreSQL or Chromium leaves a core idle. Each file
    // has its own database and port; the seeded copies are made once (test/harness/api.ts).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      {
        test: { name: 'domain', include: ['packages/domain/src/**/*.spec.ts'], environment: 'node' },
      },
      {
        // type-graphql and TypeORM need legacy decorators with field semantics of TS; SWC keeps them.
        plugins: [
          swc.vite({
            jsc: {
              parser: { syntax: 'typescript', decorators: true },
              transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
              target: 'es2022',
            },
          }),
        ],
        resolve: {
          alias: [
            // One copy of graphql (its CommonJS build) for type-graphql, Apollo, graphql-query-complexity
            // and our imports: otherwise "Cannot use GraphQLObjectType from another module or realm".
            { find: /^graphql$/, replacement: graphqlMain },
            { find: /^graphql\/(.+?)(\.m?js)?$/, replacement: `${path.dirname(graphqlMain)}/$1.js` },
            { find: '@bao-phu/domain', replacement: path.resolve(__dirname, 'packages/domain/src/index.ts') },
          ],
        },
        test: {
          name: 'api',
          root: path.resolve(__dirname, 'apps/api'),
          include: ['test/**/*.test.ts', 'src/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // A worker runs its files in one module graph: each file otherwise imported the whole API
          // again (type-graphql, TypeORM, Apollo: ~2.5 s a file on a 2-core machine). No test here
          // mocks modules, stubs globals or changes process.env; each file has its own database and
          // server. On PostgreSQL the project took 149 s instead of 212.
          isolate: false,
          // Decorators run at import: the metadata polyfill comes first, whatever a test imports first.
          setupFiles: ['reflect-metadata'],
          // Its ESM build imports 'graphql/index.mjs' by name: run it through the aliases above.
          server: { deps: { inline: ['graphql-query-complexity'] } },
        },
      },
      {
        resolve: { alias: { '@bao-phu/domain': path.resolve(__dirname, 'packages/domain/src/index.ts') } },
        test: { name: 'admin', root: path.resolve(__dirname, 'apps/admin'), include: ['src/**/*.spec.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // What a screen shows after a request: a second was too short for a busy CI machine (a
          // ranking page not drawn yet failed a run); a test that waits longer names its own timeout.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
