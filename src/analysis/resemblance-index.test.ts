import { describe, expect, it } from 'vitest';
import { pdqWords } from '../match/index.js';
import { nameKeys } from './handle-key.js';
import { ResemblanceIndex } from './resemblance-index.js';

const AVATAR = '0f'.repeat(32);
/** 12 bits flipped, spread over the hash. */
const NEAR = `${'f0'.repeat(3)}${'0f'.repeat(29)}`;

describe('ResemblanceIndex', () => {
  it('proposes nodes whose names share trigrams, in Latin, leet or Arabic spelling', () => {
    const index = new ResemblanceIndex();
    index.addName('chat:1', 'nashir_news2');
    index.addName('chat:2', 'ناشر نيوز');
    index.addName('chat:3', 'cooking_tips');
    const found = index.proposals([nameKeys('n4shir-news')], []);
    expect(found.has('chat:1')).toBe(true);
    expect(found.has('chat:2')).toBe(true);
    expect(found.has('chat:3')).toBe(false);
  });

  it('proposes nodes whose avatars share a 16-bit chunk, and not unrelated ones', () => {
    const index = new ResemblanceIndex();
    index.addAvatar('chat:near', NEAR);
    index.addAvatar('chat:far', 'a5'.repeat(32));
    index.addAvatar('chat:bad', 'not a hash');
    const found = index.proposals([], [pdqWords(AVATAR)]);
    expect([...found]).toEqual(['chat:near']);
  });

  it('proposes nothing for an empty query', () => {
    const index = new ResemblanceIndex();
    index.addName('chat:1', 'nashir_news');
    expect(index.proposals([], []).size).toBe(0);
  });
});
