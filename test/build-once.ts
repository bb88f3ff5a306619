import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * CLI tests run the built `rasd` exactly as a user does, so the build must be current: the same
 * setup script as the README's commands brings it up to date (a no-op when it already is).
 */
export default function buildOnce(): void {
  execFileSync(resolve(import.meta.dirname, '..', 'scripts', 'setup'), { stdio: 'inherit' });
}
