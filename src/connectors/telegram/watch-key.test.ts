import { describe, expect, it } from 'vitest';
import { watchKey } from './watch-key.js';

describe('watchKey', () => {
  it('names one chat by one key however it is written', () => {
    const forms = [
      '@NeutralNews',
      'neutralnews',
      't.me/NeutralNews',
      'https://t.me/s/neutralnews',
      'https://t.me/neutralnews/5',
    ];
    expect(new Set(forms.map(watchKey))).toEqual(new Set(['@neutralnews']));
    expect(watchKey('-1001234567890')).toBe('1234567890');
    expect(watchKey('1234567890')).toBe('1234567890');
  });

  it('keys an invite link and its short forms alike, keeping the hash case, and is stable on its own output', () => {
    const forms = ['https://t.me/+AbCdEf12', 't.me/joinchat/AbCdEf12', '+AbCdEf12', 'tg://join?invite=AbCdEf12'];
    expect(new Set(forms.map(watchKey))).toEqual(new Set(['+AbCdEf12']));
    for (const key of ['+AbCdEf12', '@neutralnews', '1234567890']) expect(watchKey(key)).toBe(key);
  });

  it('refuses a ref that names no chat with a sentence', () => {
    expect(() => watchKey('https://example.org/x')).toThrow(/cannot be watched/);
  });
});
