import { invalidInput } from '../core/errors.js';

/** Login names: short, ASCII, no spaces, so they read the same in logs, cookies and the audit log. */
export const USER_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function checkUserName(name: string): string {
  if (!USER_NAME_PATTERN.test(name)) {
    throw invalidInput(
      'a user name is 1 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit',
      'name',
    );
  }
  return name;
}
