import { describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';

/** The tactic's count and the original substrings of its spans, or undefined if not reported. */
function reported(input: string, tactic: string): { count: number; spans: string[] } | undefined {
  const hit = normalize(input).tactics.find((t) => t.tactic === tactic);
  return hit && { count: hit.count, spans: hit.spans.map((s) => input.slice(s.start, s.end)) };
}

const text = (s: string) => normalize(s).text;

describe('zero-width and invisible characters', () => {
  it('removes them and reports each with its span', () => {
    expect(text('hel\u200Blo')).toBe('hello');
    expect(reported('hel\u200Blo', 'zero-width')).toEqual({ count: 1, spans: ['\u200B'] });
    expect(text('a\u2060b\uFEFFc\u00ADd\u034Fe\u180Ef\u2064g')).toBe('abcdefg');
    expect(reported('a\u2060b\uFEFFc\u00ADd\u034Fe\u180Ef\u2064g', 'zero-width')?.count).toBe(6);
  });

  it('merges a run into one span', () => {
    expect(reported('I\u200B\u200C\u200DS', 'zero-width')).toEqual({ count: 3, spans: ['\u200B\u200C\u200D'] });
  });

  it('treats blank-looking characters as a space, still reported', () => {
    expect(text('hello\u2800world\u3164again')).toBe('hello world again');
    expect(reported('hello\u2800world', 'zero-width')).toEqual({ count: 1, spans: ['\u2800'] });
  });

  it('removes tag characters (a hidden payload) with a strong report', () => {
    const input = `x${String.fromCodePoint(0xe0041, 0xe0042)}y`;
    expect(text(input)).toBe('xy');
    const hit = normalize(input).tactics.find((t) => t.tactic === 'zero-width');
    expect(hit?.count).toBe(2);
    expect(hit?.strength).toBeGreaterThan(0.5);
  });

  it('leaves innocent uses alone', () => {
    expect(normalize('\uFEFFhello').tactics).toEqual([]); // byte-order mark
    expect(normalize('👨\u200D👩\u200D👧 family').text).toBe('👨\u200D👩\u200D👧 family'); // emoji ZWJ sequence
    expect(normalize('می\u200Cخواهم این کتاب را').tactics).toEqual([]); // Persian ZWNJ
    expect(normalize('🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}').tactics).toEqual([]); // England flag
  });

  it('reports a joiner inside an Arabic word', () => {
    expect(text('دا\u200Cعش')).toBe('داعش');
    expect(reported('دا\u200Cعش', 'zero-width')).toEqual({ count: 1, spans: ['\u200C'] });
  });
});

describe('bidi controls', () => {
  it('removes them and reports each', () => {
    expect(text('a\u200Eb x\u2066y\u2069z')).toBe('ab xyz');
    expect(reported('a\u200Eb x\u2066y\u2069z', 'bidi-control')).toEqual({
      count: 3,
      spans: ['\u200E', '\u2066', '\u2069'],
    });
  });

  it('undoes an RLO override on Latin text as reversed text', () => {
    const input = 'abc \u202Ehsead\u202C xyz';
    expect(text(input)).toBe('abc daesh xyz');
    expect(reported(input, 'reversed-text')).toEqual({ count: 1, spans: ['\u202Ehsead\u202C'] });
    expect(reported(input, 'bidi-control')?.count).toBe(2);
  });

  it('undoes an LRO override on Arabic text', () => {
    expect(text('\u202Dشعاد\u202C')).toBe('داعش');
  });

  it('keeps the map non-decreasing through a reversal and points at the reversed span', () => {
    const input = 'x \u202Ehsead';
    const n = normalize(input);
    expect(n.text).toBe('x daesh');
    for (let i = 1; i < n.map.length; i++) expect(n.map[i]).toBeGreaterThanOrEqual(n.map[i - 1] as number);
    expect(n.map[2]).toBe(3); // the reversed word starts where the original letters start
    expect(n.map[n.map.length - 1]).toBe(input.length - 1);
  });

  it('does not reverse a span of mixed direction', () => {
    expect(text('\u202Eabc داعش\u202C')).toBe('abc داعش');
  });
});

describe('fullwidth and presentation forms', () => {
  it('folds fullwidth Latin and reports it', () => {
    expect(text('ＩＳＩＳ')).toBe('isis');
    expect(reported('say ＩＳＩＳ', 'fullwidth-presentation-forms')).toEqual({ count: 4, spans: ['ＩＳＩＳ'] });
  });

  it('folds Arabic presentation forms (FB50–FDFF, FE70–FEFF) and reports them', () => {
    expect(text('\uFEA9\uFE8D\uFECB\uFEB6')).toBe('داعش');
    expect(reported('\uFEA9\uFE8D\uFECB\uFEB6', 'fullwidth-presentation-forms')?.count).toBe(4);
    expect(text('\uFEFB')).toBe('لا');
  });

  it('expands honorific ligatures without calling them a trick', () => {
    expect(text('محمد ﷺ')).toBe('محمد صلي الله عليه وسلم');
    expect(normalize('محمد ﷺ').tactics).toEqual([]);
  });
});

describe('homoglyphs', () => {
  it('maps Cyrillic and Greek look-alikes in a Latin word to Latin', () => {
    expect(text('D\u0430\u0435sh')).toBe('daesh');
    expect(reported('The D\u0430\u0435sh word', 'homoglyph')).toEqual({ count: 2, spans: ['D\u0430\u0435sh'] });
    expect(text('\u0399S\u0399S')).toBe('isis'); // Greek capital iota
    expect(text('p\u0430ypal')).toBe('paypal');
  });

  it('maps a word made only of look-alikes when the message is Latin', () => {
    expect(text('\u0406\u0405\u0406\u0405 is here')).toBe('isis is here');
    expect(reported('\u0406\u0405\u0406\u0405 is here', 'homoglyph')?.spans).toEqual(['\u0406\u0405\u0406\u0405']);
  });

  it('maps a Latin look-alike inside a Russian word to Cyrillic', () => {
    expect(text('м\u006Fсква')).toBe('москва');
    expect(reported('м\u006Fсква', 'homoglyph')?.count).toBe(1);
  });

  it('leaves Russian and Greek words alone', () => {
    for (const s of ['мир', 'Москва красивая', 'сосна и ель', 'καλημέρα κόσμε', 'ο ήλιος']) {
      expect(normalize(s).tactics, s).toEqual([]);
    }
    expect(text('Москва красивая')).toBe('москва красивая');
  });

  it('folds styled letters (mathematical, small capitals, superscripts)', () => {
    expect(text('𝕯𝖆𝖊𝖘𝖍')).toBe('daesh');
    expect(reported('𝕯𝖆𝖊𝖘𝖍', 'homoglyph')).toEqual({ count: 5, spans: ['𝕯𝖆𝖊𝖘𝖍'] });
    expect(text('ᴅᴀᴇꜱʜ')).toBe('daesh');
    expect(text('ℌello')).toBe('hello');
    expect(normalize('ılık su').tactics).toEqual([]); // Turkish dotless i is a letter, not a disguise
  });
});

describe('combining marks', () => {
  it('strips Zalgo stacks and reports them with their base letters', () => {
    const input = 'Z\u0334\u0327\u031Ba\u0337lgo';
    expect(text(input)).toBe('zalgo');
    expect(reported(input, 'combining-marks')).toEqual({ count: 4, spans: ['Z\u0334\u0327\u031Ba\u0337'] });
  });

  it('strips strike-through overlays', () => {
    expect(text('z\u0336e\u0336r\u0336o\u0336')).toBe('zero');
    expect(reported('z\u0336e\u0336r\u0336o\u0336', 'combining-marks')?.count).toBe(4);
  });

  it('does not report ordinary accents, precomposed or decomposed', () => {
    for (const s of ['État', 'E\u0301tat', 'n\u0303', 'Vie\u0323\u0302t Nam', 'и\u0301', 'ISIS\u0301']) {
      expect(normalize(s).tactics, s).toEqual([]);
    }
    expect(text('Vie\u0323\u0302t')).toBe('viet');
  });
});

describe('emoji substitution', () => {
  it('reads enclosed and squared letters as letters', () => {
    expect(text('🅳🅰🅴🆂🅷')).toBe('daesh');
    expect(reported('🅳🅰🅴🆂🅷', 'emoji-substitution')).toEqual({ count: 5, spans: ['🅳🅰🅴🆂🅷'] });
    expect(text('ⓓⓐⓔⓢⓗ')).toBe('daesh');
  });

  it('reads regional indicators as letters when they touch a word or do not pair up', () => {
    expect(text('🇩aesh')).toBe('daesh');
    expect(reported('🇩aesh', 'emoji-substitution')).toEqual({ count: 1, spans: ['🇩'] });
    expect(text('🇮🇸🇮🇸🇮')).toBe('isisi');
  });

  it('leaves flags and everyday letter emoji alone', () => {
    expect(text('🇮🇶 Iraq')).toBe('🇮🇶 iraq');
    expect(normalize('🇮🇶 Iraq 🇸🇾').tactics).toEqual([]);
    expect(normalize('🅿️ parking').tactics).toEqual([]);
  });

  it('reports emoji used to split letters', () => {
    const input = 'd🔥a🔥e🔥s🔥h';
    expect(text(input)).toBe('daesh');
    expect(reported(input, 'emoji-substitution')).toEqual({ count: 4, spans: [input] });
    expect(reported(input, 'letter-splitting')?.spans).toEqual([input]);
  });
});
