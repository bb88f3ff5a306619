import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../storage/ports.js';
import { canonicalEntry, entryHash, GENESIS_HASH, sealEntry, verifyChain } from './audit-chain.js';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const tip = out.at(-1);
    out.push(
      sealEntry(
        { actor: 'user:alice', action: `act.${i}`, target: `T${i}`, reason: 'test', details: { i, z: 'a', a: null } },
        `2026-01-01T00:00:0${i}.000Z`,
        tip && { seq: tip.seq, hash: tip.hash },
      ),
    );
  }
  return out;
}

describe('audit chain', () => {
  it('links each entry to the one before, starting from the genesis hash', () => {
    const entries = chain(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(verifyChain(entries)).toEqual({ ok: true, entries: 3, head: entries[2]?.hash });
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, head: GENESIS_HASH });
  });

  it('serialises details canonically: key order does not change the hash, values do', () => {
    const [e] = chain(1) as [AuditEntry];
    const reordered = { ...e, details: { z: 'a', a: null, i: 0 } };
    expect(entryHash(reordered)).toBe(e.hash);
    expect(entryHash({ ...e, details: { ...e.details, i: 1 } })).not.toBe(e.hash);
    // Field boundaries are kept: moving text from one field to the next changes the hash.
    expect(canonicalEntry({ ...e, actor: 'ab', action: 'c' })).not.toBe(
      canonicalEntry({ ...e, actor: 'a', action: 'bc' }),
    );
  });

  it('names the edited entry', () => {
    const entries = chain(4);
    entries[2] = { ...(entries[2] as AuditEntry), reason: 'changed' };
    expect(verifyChain(entries)).toMatchObject({ ok: false, seq: 3, reason: expect.stringContaining('edited') });
  });

  it('names the entry after a deleted one', () => {
    const entries = chain(4);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({ ok: false, seq: 3 });
  });

  it('names the first of two swapped entries, and a rehashed insertion', () => {
    const entries = chain(4);
    const swapped = [entries[0], entries[2], entries[1], entries[3]] as AuditEntry[];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, seq: 3 });
    // An inserted entry sealed properly after #1 still breaks the old #2's link.
    const forged = sealEntry({ actor: 'x', action: 'y', reason: 'z' }, 'now', {
      seq: 1,
      hash: entries[0]?.hash as string,
    });
    const renumbered = entries.slice(1).map((e) => ({ ...e, seq: e.seq + 1 }));
    expect(verifyChain([entries[0] as AuditEntry, forged, ...renumbered])).toMatchObject({ ok: false, seq: 3 });
  });
});
