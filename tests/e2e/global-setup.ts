/** One app for the whole e2e run (next dev on a fresh embedded database): files share it. */
import type { TestProject } from 'vitest/node';
import { startApp } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const app = await startApp();
  project.provide('e2eBaseUrl', app.baseUrl);
  return () => app.stop();
}
