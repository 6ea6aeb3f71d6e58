import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests that measure the server under load (memory growth, starvation of a well-behaved client):
 * they run after everything else, one at a time, so another test's work on the same cores cannot
 * decide their outcome.
 */
const underLoad = ['test/core/http/unread-responses.test.ts'];

/**
 * Tests that pack the package, install it in a project outside the repository and run that
 * project's own tests (minutes of npm, tsc and vitest): last, one at a time. The project they
 * copy (`plugin-project/`) is not a test of this repository.
 */
const packaging = ['test/packaging/*.test.ts'];

export default defineConfig({
  test: {
    // Builds dist/views/ first: tests that serve or load the views use this run's build.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'tests',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...underLoad, 'test/packaging/**'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'under-load',
          include: underLoad,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'packaging',
          include: packaging,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
