/**
 * Reads a password from standard input (a pipe, or a terminal line), never from argv: argv is
 * visible to every user in `ps` and lands in shell history. Only the first line counts.
 */

const MIN = 12;
const MAX = 1024;

export async function readPassword(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.includes('\n') || text.length > MAX + 2) break;
  }
  const password = (text.split(/\r?\n/)[0] ?? '').normalize('NFC');
  if (password.length < MIN || password.length > MAX) {
    throw new Error(`the password on standard input must be ${MIN} to ${MAX} characters long`);
  }
  return password;
}
