import { defineConfig } from 'vitest/config';

// A real server per engine, PostgreSQL included: more time than vitest's defaults.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } });
