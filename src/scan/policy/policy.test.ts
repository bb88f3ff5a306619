import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_PATH } from '../../config/index.js';
import type { Signal } from '../../core/index.js';
import { evaluatePolicy, loadPolicy, parsePolicy } from './index.js';

const signal = (over: Partial<Signal>): Signal => ({
  provider: 'p',
  kind: 'lexicon',
  score: 0.5,
  evidence: [],
  version: '1',
  ...over,
});

const policy = parsePolicy({
  id: 't',
  version: '1',
  rules: [
    {
      id: 'strong',
      when: { signal: { kind: 'classifier', minScore: 0.9 } },
      verdict: 'violating',
      category: 'from-signals',
      severity: 'high',
      actions: ['delete'],
    },
    {
      id: 'org-and-score',
      when: { all: [{ signal: { kind: 'lexicon' } }, { signal: { kind: 'classifier', minScore: 0.6 } }] },
      verdict: 'violating',
      category: 'praise',
      severity: 'critical',
      actions: ['refer'],
    },
    {
      id: 'uncertain',
      when: { signal: { kind: 'classifier', minScore: 0.5 } },
      verdict: 'review',
      category: 'from-signals',
    },
    { id: 'two-tactics', when: { signal: { kind: 'tactic', minCount: 2 } }, verdict: 'review', severity: 'low' },
    {
      id: 'not-news',
      when: { all: [{ signal: { kind: 'link' } }, { not: { signal: { label: 'news' } } }] },
      verdict: 'review',
    },
  ],
});

describe('evaluatePolicy', () => {
  it('is clear when no rule fires', () => {
    const out = evaluatePolicy(policy, [signal({ kind: 'lexicon' })]);
    expect(out.verdict).toBe('clear');
    expect(out.rules).toEqual([]);
    expect(out.actions).toEqual([]);
  });

  it('takes the strongest verdict whatever the rule order, with that verdict’s actions only', () => {
    const out = evaluatePolicy(policy, [signal({ kind: 'classifier', score: 0.95, category: 'incitement' })]);
    expect(out.verdict).toBe('violating');
    expect(out.categories).toEqual(['incitement']);
    expect(out.actions).toEqual(['delete']);
    expect(out.rules).toEqual(['strong', 'uncertain']);
    expect(out.needsReview).toBe(false);
    const reversed = parsePolicy({ ...policy, rules: [...policy.rules].reverse() });
    expect(evaluatePolicy(reversed, [signal({ kind: 'classifier', score: 0.95 })]).verdict).toBe('violating');
  });

  it('combines conditions with all/any/not and keeps the highest severity', () => {
    const out = evaluatePolicy(policy, [
      signal({ kind: 'lexicon', org: 'x' }),
      signal({ kind: 'classifier', score: 0.7 }),
    ]);
    expect(out.verdict).toBe('violating');
    expect(out.severity).toBe('critical');
    expect(out.categories).toEqual(['praise']);
    expect(out.actions).toEqual(['refer']);
  });

  it('puts the uncertain band in review, which needs a human', () => {
    const out = evaluatePolicy(policy, [signal({ kind: 'classifier', score: 0.55, category: 'recruitment' })]);
    expect(out).toMatchObject({ verdict: 'review', categories: ['recruitment'], needsReview: true });
  });

  it('counts signals for minCount and honours not', () => {
    expect(evaluatePolicy(policy, [signal({ kind: 'tactic' })]).verdict).toBe('clear');
    expect(evaluatePolicy(policy, [signal({ kind: 'tactic' }), signal({ kind: 'tactic' })]).verdict).toBe('review');
    expect(evaluatePolicy(policy, [signal({ kind: 'link' })]).verdict).toBe('review');
    expect(evaluatePolicy(policy, [signal({ kind: 'link' }), signal({ label: 'news' })]).verdict).toBe('clear');
  });
});

describe('loadPolicy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-policy-'));

  it('loads the shipped default policy', () => {
    const shipped = loadPolicy(DEFAULT_POLICY_PATH);
    expect(shipped.id).toBe('default');
    expect(shipped.rules.length).toBeGreaterThan(0);
  });

  it('names the rule path of a malformed rule', () => {
    const path = join(dir, 'bad.yaml');
    writeFileSync(
      path,
      'id: x\nversion: "1"\nrules:\n  - id: a\n    when: { signal: { kind: nonsense } }\n    verdict: review\n',
    );
    expect(() => loadPolicy(path)).toThrowError(
      expect.objectContaining({ code: 'POLICY_INVALID', pointer: expect.stringContaining('rules.0.when') }),
    );
  });

  it('rejects duplicate rule ids, unknown verdicts and unreadable files', () => {
    const rule = { id: 'a', when: { signal: { kind: 'lexicon' } }, verdict: 'review' };
    expect(() => parsePolicy({ id: 'x', version: '1', rules: [rule, rule] })).toThrowError(/duplicate rule id/);
    expect(() => parsePolicy({ id: 'x', version: '1', rules: [{ ...rule, verdict: 'ban' }] })).toThrowError(
      /POLICY|invalid/i,
    );
    expect(() => loadPolicy(join(dir, 'absent.yaml'))).toThrowError(
      expect.objectContaining({ code: 'POLICY_INVALID' }),
    );
  });
});
