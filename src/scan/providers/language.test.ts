import { describe, expect, it } from 'vitest';
import { itemSchema } from '../../core/index.js';
import { extractScanInput } from '../extract.js';
import { languageOf } from './language.js';

function inputFor(text: string, entities: { type: string; text: string; url?: string }[] = []) {
  return extractScanInput(
    itemSchema.parse({ chat: { id: 'c1' }, messageId: '1', postedAt: '2024-01-01T00:00:00Z', text, entities }),
  );
}

describe('languageOf', () => {
  it('reads the message text, not the link targets', () => {
    const input = inputFor('الطقس جميل اليوم، التفاصيل هنا', [
      { type: 'text-link', text: 'هنا', url: 'https://example.org/the-weather-is-lovely-today-in-english' },
    ]);
    expect(languageOf(input)).toMatchObject({ lang: 'ar', script: 'arabic' });
  });

  it('says und for a message without text', () => {
    expect(languageOf(inputFor(''))).toEqual({ lang: 'und', script: 'none', confidence: 0 });
  });
});
