import { describe, expect, it } from 'vitest';
import { TACTIC_IDS } from '../../../core/index.js';
import { extractLinks } from './extract.js';
import { LINK_SCORES, LINKS_VERSION, linkSignals } from './signals.js';

describe('linkSignals', () => {
  it('emits nothing for plain links to ordinary sites and public channels', () => {
    expect(linkSignals(extractLinks('see https://example.org/a and t.me/example_news'))).toEqual([]);
  });

  it('emits one signal per tactic, label and host, with spans and the host as evidence', () => {
    const text = 'files: files.fm/u/a and files.fm/u/b, invite t.me/+AbCd';
    const signals = linkSignals(extractLinks(text), 'links@test');
    expect(signals.map((s) => [s.tactic, s.label, s.score])).toEqual([
      ['file-host-outlink', 'file-host', 0.4],
      ['invite-link', 'telegram-invite', 0.3],
    ]);
    const files = signals[0];
    expect(files).toMatchObject({ provider: 'links', kind: 'link', version: 'links@test' });
    expect(files?.evidence).toEqual([
      { type: 'span', start: 7, end: 19, term: 'file-host' },
      { type: 'entry', entry: 'files.fm', source: 'https://files.fm/u/a' },
      { type: 'span', start: 24, end: 36, term: 'file-host' },
      { type: 'entry', entry: 'files.fm', source: 'https://files.fm/u/b' },
    ]);
  });

  it('names each trick undone for an obfuscated link', () => {
    const [signal] = linkSignals(extractLinks('hxxps[:]//example[.]org/a'));
    expect(signal).toMatchObject({ tactic: 'obfuscated-url', label: 'obfuscated-url', score: 0.5 });
    expect(signal?.evidence).toContainEqual({ type: 'feature', name: 'hxxp-scheme', weight: 1 });
    expect(signal?.evidence).toContainEqual({ type: 'feature', name: 'bracketed-punctuation', weight: 1 });
    expect(signal?.evidence).toContainEqual({ type: 'entry', entry: 'example.org', source: 'https://example.org/a' });
  });

  it('flags hidden links, shorteners and paste sites; a link can carry several findings', () => {
    const links = extractLinks('read this', [
      { type: 'text-link', text: 'this', url: 'https://bit.ly/AbC' },
      { type: 'button-url', text: 'More', url: 'https://justpaste.it/AbC' },
    ]);
    const signals = linkSignals(links);
    expect(signals.map((s) => [s.tactic, s.label, s.evidence[0]?.type])).toEqual([
      ['hidden-text-link', 'hidden-text-link', 'span'],
      ['shortener', 'shortener', 'span'],
      ['file-host-outlink', 'file-host', 'entry'],
      ['file-host-outlink', 'paste', 'entry'],
    ]);
    expect(signals.every((s) => s.version === LINKS_VERSION)).toBe(true);
  });

  it('uses only tactics of the taxonomy, with scores between 0 and 1', () => {
    for (const [tactic, score] of Object.entries(LINK_SCORES)) {
      expect(TACTIC_IDS).toContain(tactic);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThan(1);
    }
  });
});
