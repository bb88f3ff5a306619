import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { basicFold } from '../lexicon/fold.js';
import { compileLexicon } from '../lexicon/lexicon.js';
import { loadLexicon } from '../lexicon/lexicon-schema.js';
import { foldNormalized, normalize } from './normalize.js';

/**
 * The normaliser as the lexicon's fold: the shipped lexicon keeps every rule it has with the
 * basic fold and also matches through the evasion tricks, with spans in the original text.
 */
const SHIPPED = fileURLToPath(new URL('../../../../data/lexicon/organisations.json', import.meta.url));
const file = loadLexicon(SHIPPED);
const lexicon = compileLexicon(file, { fold: foldNormalized });

const orgs = (text: string) => lexicon.match(text).map((h) => h.org);
const spans = (text: string) => lexicon.match(text).map((h) => text.slice(h.start, h.end));

describe('foldNormalized keeps the lexicon rules', () => {
  it('folds every shipped term and excluded form exactly as the basic fold does', () => {
    for (const org of file.organisations) {
      for (const t of [...org.terms, ...(org.excluded ?? [])]) {
        expect(foldNormalized(t.text).text, t.text).toBe(basicFold(t.text).text);
      }
    }
  });

  it('matches every term as written and never an excluded form', () => {
    for (const org of file.organisations) {
      for (const term of org.terms) {
        expect(orgs(`report: ${term.text}.`), term.text).toContain(org.id);
      }
      for (const x of org.excluded ?? []) expect(lexicon.match(`report: ${x.text}.`), x.text).toEqual([]);
    }
  });

  it('keeps neutral and ambiguous text clear', () => {
    for (const text of [
      'بسم الله الرحمن الرحيم',
      'الطقس في حلب مشمس اليوم ودرجة الحرارة معتدلة',
      'القاعدة الذهبية في الاستثمار هي التنويع',
      'نجح طالبان في الامتحان',
      'The crisis deepened after a careful analysis.',
      'We camped at the base of the mountain.',
      'Meeting moved to 3pm, see you at the base of the stairs.',
      'I S O standards and A B C D lists',
    ]) {
      expect(lexicon.match(text), text).toEqual([]);
    }
  });
});

describe('foldNormalized sees through the tricks', () => {
  it('matches through the tricks, reporting the original span', () => {
    for (const [text, span] of [
      ['they wrote I S I S again', 'I S I S'],
      ['they wrote i_s_i_s again', 'i_s_i_s'],
      ['they wrote D\u0430\u0435sh again', 'D\u0430\u0435sh'],
      ['they wrote d43sh again', 'd43sh'],
      ['they wrote ＩＳＩＳ again', 'ＩＳＩＳ'],
      ['they wrote 𝐈𝐒𝐈𝐒 again', '𝐈𝐒𝐈𝐒'],
      ['they wrote isssssis again', 'isssssis'],
      ['ذكر التقرير داااعش اليوم', 'داااعش'],
      ['ذكر التقرير د.ا.ع.ش اليوم', 'د.ا.ع.ش'],
      ['ذكر التقرير دا\u200Cعش اليوم', 'دا\u200Cعش'],
      ['ذكر التقرير وداعـــش اليوم', 'داعـــش'],
    ]) {
      expect(spans(text as string), text).toEqual([span]);
    }
  });

  it('finds a reversed name and points at the reversed span', () => {
    const text = 'news \u202Ehsead\u202C today';
    const hits = lexicon.match(text);
    expect(hits.map((h) => h.org)).toEqual(['isil']);
    expect(hits[0]?.start).toBe(text.indexOf('h'));
  });

  it('lets the lexicon read Arabizi through the Arabic reading', () => {
    const n = normalize('shofto 5abar 3an da3esh embare7');
    expect(lexicon.match(n.text)).toEqual([]);
    const hits = lexicon.match(n.arabizi as string);
    expect(hits.map((h) => h.org)).toEqual(['isil']);
    // The Arabic reading has its own map back to the original message.
    const at = n.arabiziMap?.[hits[0]?.start as number] as number;
    expect('shofto 5abar 3an da3esh embare7'.slice(at, at + 6)).toBe('da3esh');
  });
});
