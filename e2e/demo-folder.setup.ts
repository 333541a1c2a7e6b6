import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { prepareDemoFolder } from './server-process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** a data folder with the demo data loaded, which each test file's server starts on a copy of */
    demoFolder: string;
  }
}

/** The browser suite's global set-up: the demo data is loaded once, and each test file's server starts on a copy. */
export default async function setup(project: TestProject): Promise<() => void> {
  const folder = await prepareDemoFolder();
  project.provide('demoFolder', folder);
  return () => fs.rmSync(folder, { recursive: true, force: true });
}
