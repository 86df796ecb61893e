import type { TestProject } from 'vitest/node';
import { startServer } from './harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server started for this run, e.g. http://127.0.0.1:41234 */
    baseUrl: string;
  }
}

/** One real server for all browser test files; tests read its address with `inject('baseUrl')`. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startServer();
  project.provide('baseUrl', server.url);
  return () => server.stop();
}
