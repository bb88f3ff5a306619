import { userInfo } from 'node:os';

/**
 * Who acts from the command line, for the audit log: the operating-system account. The CLI
 * runs with access to the database file, so it is trusted as that account, not re-authenticated.
 */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    // Some containers run as a uid with no passwd entry.
    return `cli:uid-${process.getuid?.() ?? 'unknown'}`;
  }
}
