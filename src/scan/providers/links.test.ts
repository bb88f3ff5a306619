import { describe, expect, it } from 'vitest';
import { itemSchema } from '../../core/index.js';
import { extractScanInput } from '../extract.js';
import { linksProvider } from './links.js';

function inputFor(text: string, entities: { type: string; text: string; url?: string }[] = []) {
  const item = itemSchema.parse({
    chat: { id: 'c1' },
    messageId: '1',
    postedAt: '2024-01-01T00:00:00Z',
    text,
    entities,
  });
  return extractScanInput(item);
}

describe('links provider', () => {
  it('says nothing about a message with ordinary links', async () => {
    expect(await linksProvider.provide(inputFor('The weather today: https://example.org/forecast'))).toEqual([]);
  });

  it('reads disguised links in the text and hidden targets in entities', async () => {
    const input = inputFor('New files here: example[.]org/a and more', [
      { type: 'text-link', text: 'more', url: 'https://files.fm/u/AbC' },
      { type: 'button-url', text: 'Join', url: 'https://t.me/+AbCd' },
    ]);
    const signals = await linksProvider.provide(input);
    expect(signals.map((s) => [s.tactic, s.label])).toEqual([
      ['obfuscated-url', 'obfuscated-url'],
      ['hidden-text-link', 'hidden-text-link'],
      ['file-host-outlink', 'file-host'],
      ['invite-link', 'telegram-invite'],
    ]);
    for (const s of signals) {
      expect(s).toMatchObject({ provider: linksProvider.id, kind: 'link', version: linksProvider.version });
      expect(linksProvider.kinds).toContain(s.kind);
    }
    const more = input.text.indexOf('more');
    expect(signals[1]?.evidence[0]).toEqual({ type: 'span', start: more, end: more + 4, term: 'hidden-text-link' });
  });
});
