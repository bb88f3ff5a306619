import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '../config/index.js';

/** Rasd's version, from its own package.json: one reader for the CLI, `/health` and OpenAPI. */
export const VERSION: string = (JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, 'utf8')) as { version: string })
  .version;
