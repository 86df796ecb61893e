import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Resilience tests: `npm run test:resilience`. They start their own throwaway PostgreSQL 15 cluster on a free
// port of 127.0.0.1 (resilience/pg-cluster.ts), run the real server process against it, cut its connections,
// restart the database and kill -9 the server under concurrent intake, then remove the cluster.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    name: 'resilience',
    include: ['resilience/**/*.resilience.ts'],
    environment: 'node',
    // one cluster and one server at a time: the tests stop and start them
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
