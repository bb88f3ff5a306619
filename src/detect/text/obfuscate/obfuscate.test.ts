import { describe, expect, it } from 'vitest';
import { normalize } from '../normalize/index.js';
import { applicableObfuscations, OBFUSCATIONS, obfuscate } from './index.js';

const latin = 'the weather report for tomorrow morning';
const arabic = 'نشرة الطقس ليوم غد في المدينة';
const canon = (t: string) => normalize(t, { tactics: false, arabizi: false }).text;

describe('obfuscate', () => {
  it('changes the text for every applicable evasion, deterministically', () => {
    for (const text of [latin, arabic]) {
      for (const tactic of applicableObfuscations(text)) {
        const disguised = obfuscate(text, tactic, 3);
        expect(disguised, tactic).not.toBe(text);
        expect(obfuscate(text, tactic, 3)).toBe(disguised);
      }
    }
  });

  it('picks evasions by script', () => {
    expect(applicableObfuscations(latin)).not.toContain('tatweel');
    expect(applicableObfuscations(arabic)).toContain('tatweel');
    expect(applicableObfuscations(arabic)).not.toContain('leet');
    expect(OBFUSCATIONS.length).toBeGreaterThanOrEqual(10);
  });

  it('is undone by the normaliser for the character-level evasions', () => {
    for (const tactic of ['zero-width', 'homoglyph', 'fullwidth-presentation-forms', 'combining-marks'] as const) {
      expect(canon(obfuscate(latin, tactic, 5)), tactic).toBe(canon(latin));
    }
    for (const tactic of ['tatweel', 'diacritics-flood'] as const) {
      expect(canon(obfuscate(arabic, tactic, 5)), tactic).toBe(canon(arabic));
    }
  });

  it('reports the tactic it applied when the normaliser undoes it', () => {
    const n = normalize(obfuscate(latin, 'zero-width', 2));
    expect(n.tactics.map((t) => t.tactic)).toContain('zero-width');
  });
});
