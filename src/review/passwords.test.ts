import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstNobody, verifyPassword } from './passwords.js';

/** Cheap parameters keep the suite fast; the format and checks are the same as the default's. */
const FAST = { N: 1024, r: 8, p: 1 };

describe('passwords', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery', FAST);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterz', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('stores the parameters and a per-hash salt, never the password', async () => {
    const a = await hashPassword('same password here', FAST);
    const b = await hashPassword('same password here', FAST);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same password');
  });

  it('uses the default cost when none is given, and verifies with the stored one', async () => {
    const stored = await hashPassword('default cost pw');
    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('default cost pw', stored)).toBe(true);
  });

  it('treats composed and decomposed forms of a letter as one password', async () => {
    const stored = await hashPassword('caf\u00e9-password', FAST);
    expect(await verifyPassword('cafe\u0301-password', stored)).toBe(true);
  });

  it('answers false, without throwing, for a malformed or absurd stored hash', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$1024$8$1$c2FsdA',
      'bcrypt$1024$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA',
      `scrypt$${2 ** 24}$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA`,
      'scrypt$1000$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      expect(await verifyPassword('x', stored), stored).toBe(false);
    }
    expect(await verifyAgainstNobody('anything')).toBe(false);
  });
});
