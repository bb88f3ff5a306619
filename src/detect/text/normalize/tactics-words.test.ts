import { describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';

function reported(input: string, tactic: string): { count: number; spans: string[] } | undefined {
  const hit = normalize(input).tactics.find((t) => t.tactic === tactic);
  return hit && { count: hit.count, spans: hit.spans.map((s) => input.slice(s.start, s.end)) };
}

const text = (s: string) => normalize(s).text;

describe('letter splitting', () => {
  it('joins letters split by spaces, dots, dashes and underscores', () => {
    for (const [input, joined] of [
      ['I S I S', 'isis'],
      ['I.S.I.S', 'isis'],
      ['I-S-I-S', 'isis'],
      ['i_s_i_s', 'isis'],
      ['d a e s h', 'daesh'],
      ['I | S | I | S', 'isis'],
      ['د ا ع ش', 'داعش'],
      ['د.ا.ع.ش', 'داعش'],
    ]) {
      expect(text(input as string), input).toBe(joined);
    }
  });

  it('reports the whole split span in the original', () => {
    expect(reported('they said I S I S again', 'letter-splitting')).toEqual({ count: 1, spans: ['I S I S'] });
    expect(text('they said I S I S again')).toBe('they said isis again');
  });

  it('joins dotted acronyms', () => {
    expect(text('U.S.A. and F.B.I.')).toBe('usa. and fbi.');
  });

  it('reads leet digits among split letters', () => {
    expect(text('1.S.1.S')).toBe('isis');
    expect(reported('1.S.1.S', 'leet')?.spans).toEqual(['1.S.1.S']);
  });

  it('needs three letters with punctuation, four with spaces only', () => {
    expect(text('a b c')).toBe('a b c');
    expect(text('plan a b c')).toBe('plan a b c');
    expect(text('e.g. x y')).toBe('e.g. x y');
    expect(text('a, b, c, d')).toBe('a, b, c, d'); // commas make a list, not a split word
    expect(text('1 2 3 4')).toBe('1 2 3 4');
    expect(text('A. B. Smith')).toBe('a. b. smith');
    expect(text('a b c d')).toBe('abcd');
  });
});

describe('leetspeak', () => {
  it('reads digits and symbols between letters as letters', () => {
    for (const [input, plain] of [
      ['h3ll0', 'hello'],
      ['d43sh', 'daesh'],
      ['1s1s', 'isis'],
      ['p@ssw0rd', 'password'],
      ['he||o', 'hello'],
      ['i$i$', 'isis'],
      ['l33t', 'leet'],
    ]) {
      expect(text(input as string), input).toBe(plain);
    }
    expect(reported('say h3ll0 there', 'leet')).toEqual({ count: 1, spans: ['h3ll0'] });
  });

  it('reads a word as leet when its decoded form is a frequent English word, whatever its shape', () => {
    for (const [input, plain] of [
      ['7h3 weather', 'the weather'],
      ['th3 weather', 'the weather'],
      ['f0r the weather', 'for the weather'],
      ['0f the weather', 'of the weather'],
      ['rain and 5n0w', 'rain and snow'],
      ['sun 4nd rain', 'sun and rain'],
      ['5t0rms tonight', 'storms tonight'],
    ]) {
      expect(text(input as string), input).toBe(plain);
    }
  });

  it('reads leet-only digits touching letters as leet in a message that is not Arabizi', () => {
    expect(text('the weather vide0 is lat3 again')).toBe('the weather video is late again');
    expect(text('cl0udz over the hills')).toBe('cloudz over the hills');
    // An Arabizi message keeps its digits: 3 and 7 are letters there.
    expect(text('ya3ni el 7aga di')).toBe('ya3ni el 7aga di');
  });

  it('does not take a wrong ordinal for a quantity: 4nd is leet, 4th is a rank', () => {
    expect(text('sun 4nd rain')).toBe('sun and rain');
    expect(text('the 4th day')).toBe('the 4th day');
    expect(text('the 11th and 22nd')).toBe('the 11th and 22nd');
  });

  it('leaves numbers, codes, units and ordinals alone', () => {
    for (const s of [
      'COVID-19',
      '4G',
      'B2B',
      '2024',
      '$100',
      '3pm',
      '10:30',
      '1st 2nd 3rd 4th',
      'mp3',
      'i18n',
      'win10',
      'NS131',
      'Combat18',
      'x86',
      '5km',
      '+971 50 123 4567',
    ]) {
      expect(normalize(s).tactics, s).toEqual([]);
      expect(text(s), s).toBe(s.toLowerCase());
    }
  });
});

describe('repeated letters', () => {
  it('collapses runs of three or more to one letter and reports them weakly', () => {
    expect(text('isssssis')).toBe('isis');
    expect(reported('isssssis', 'repeated-letters')).toEqual({ count: 1, spans: ['sssss'] });
    expect(text('داااعش')).toBe('داعش');
    expect(text('Allaaah')).toBe('allah');
    const hit = normalize('sooo good').tactics.find((t) => t.tactic === 'repeated-letters');
    expect(hit?.strength).toBeLessThanOrEqual(0.2);
  });

  it('keeps double letters, digits, Roman numerals and www', () => {
    for (const s of ['letter', 'good', 'World War III', 'Louis XVIII', 'www', '1000000', '!!!']) {
      expect(normalize(s).tactics, s).toEqual([]);
      expect(text(s), s).toBe(s.toLowerCase());
    }
  });
});

describe('Arabizi', () => {
  it('keeps the Latin form and adds an Arabic reading', () => {
    const n = normalize('da3esh');
    expect(n.text).toBe('da3esh');
    expect(n.arabizi).toBe('داعش');
    expect(reported('da3esh', 'arabizi')).toEqual({ count: 1, spans: ['da3esh'] });
  });

  it('joins the article to its word and writes final a as ta marbuta', () => {
    expect(normalize('el dawla el islamiya').arabizi).toBe('الدوله الاسلاميه');
    expect(normalize('ana 3ayez a3raf').arabizi).toBe('انا عايز اعراف');
  });

  it('maps the Arabic reading back to the original', () => {
    const input = 'ana 7abibi';
    const n = normalize(input);
    expect(n.arabizi).toBe('انا حابيبي');
    expect(n.arabiziMap?.length).toBe(n.arabizi?.length);
    expect(n.arabiziMap?.[4]).toBe(4); // ح comes from 7
  });

  it('tells Arabizi from leet by the message', () => {
    expect(text('h3llo world')).toBe('hello world');
    expect(normalize('h3llo world').arabizi).toBeUndefined();
    expect(text('3ala el tari2')).toBe('3ala el tari2');
    expect(normalize('3ala el tari2').arabizi).toBe('عالا التاريء'); // lossy by design: short vowels
  });

  it('does not take English with digits for Arabizi', () => {
    for (const s of ['B2B sales are up', 'See you 2day', 'mp3 download here', 'Meet at 9am', '1st 2nd 3rd']) {
      expect(normalize(s).arabizi, s).toBeUndefined();
    }
  });
});

describe('reversed text', () => {
  it('turns a fully reversed English sentence round', () => {
    const input = 'dlrow eht olleh morf uoy era woh';
    expect(text(input)).toBe('how are you from hello the world');
    expect(reported(input, 'reversed-text')).toEqual({ count: 1, spans: [input] });
  });

  it('keeps the map non-decreasing and within the original', () => {
    const input = 'yadot rehtaew eht si tahw';
    const n = normalize(input);
    expect(n.text).toBe('what is the weather today');
    for (let i = 0; i < n.map.length; i++) {
      expect(n.map[i]).toBeGreaterThanOrEqual(i > 0 ? (n.map[i - 1] as number) : 0);
      expect(n.map[i]).toBeLessThan(input.length);
    }
  });

  it('leaves ordinary, short and palindromic text alone', () => {
    for (const s of [
      'dlrow olleh',
      'evil live star rats',
      'noon level kayak racecar',
      'The state budget was approved.',
    ]) {
      expect(normalize(s).tactics, s).toEqual([]);
    }
  });
});
