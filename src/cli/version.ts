import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '../app/index.js';

export const VERSION: string = (
  JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, 'utf8')) as { version: string }
).version;
