import { Command } from 'commander';
import { vi } from 'vitest';

/**
 * Test support (not part of the CLI): runs `rasd ARGS…` in-process with only the given commands
 * registered, and returns what it printed on stdout. Errors propagate (commander exits are
 * overridden into throws), so a test asserts a failing command with `rejects`.
 */
export function commandRunner(...registers: ((program: Command) => void)[]): (args: string[]) => Promise<string> {
  return async (args) => {
    const program = new Command('rasd').exitOverride();
    for (const register of registers) register(program);
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      await program.parseAsync(['node', 'rasd', ...args]);
    } finally {
      spy.mockRestore();
    }
    return out;
  };
}
