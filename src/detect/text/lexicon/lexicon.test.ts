import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/index.js';
import type { Fold } from './fold.js';
import { compileLexicon, type LexiconHit } from './lexicon.js';
import { type LexiconFile, loadLexicon } from './lexicon-schema.js';

const SHIPPED = fileURLToPath(new URL('../../../../data/lexicon/organisations.json', import.meta.url));
const file = loadLexicon(SHIPPED);
const lexicon = compileLexicon(file);

const orgs = (text: string) => lexicon.match(text).map((h) => h.org);
/** The original text each hit covers. */
const spans = (text: string) => lexicon.match(text).map((h) => text.slice(h.start, h.end));

function only(text: string): LexiconHit {
  const hits = lexicon.match(text);
  expect(hits, text).toHaveLength(1);
  return hits[0] as LexiconHit;
}

describe('compiled shipped lexicon', () => {
  it('carries the file version', () => {
    expect(lexicon.version).toBe(file.version);
    expect(lexicon.organisations.get('isil')?.ideology).toBe('jihadist');
    expect(lexicon.patternCount).toBeGreaterThan(200);
  });

  it('matches every term of the shipped file as written', () => {
    for (const org of file.organisations) {
      for (const term of org.terms) {
        const hits = lexicon.match(`report: ${term.text}.`);
        expect(
          hits.some((h) => h.org === org.id),
          `${org.id}: ${term.text} → ${JSON.stringify(hits)}`,
        ).toBe(true);
      }
    }
  });

  it('never matches a form listed as excluded', () => {
    for (const org of file.organisations) {
      for (const x of org.excluded ?? []) {
        expect(lexicon.match(`report: ${x.text}.`), `${org.id}: ${x.text}`).toEqual([]);
      }
    }
  });
});

describe('English and other Latin-script names', () => {
  it('matches case-insensitively and reports the lexicon term, not the message text', () => {
    const hit = only('The report mentioned isis twice.');
    expect(hit).toMatchObject({ org: 'isil', kind: 'abbreviation', term: 'ISIS', lang: 'en' });
    expect(orgs('DAESH and Daesh and daesh')).toEqual(['isil', 'isil', 'isil']);
  });

  it('treats hyphens, underscores and apostrophes as optional separators', () => {
    for (const text of ["Da'esh", 'Da’esh', 'Da esh', 'Daesh', 'Daʿish', 'Da-ish']) {
      expect(orgs(`analysts said ${text} lost ground`), text).toEqual(['isil']);
    }
    for (const text of ['al-Qaida', 'al Qaida', 'alqaida', 'Al_Qaeda', 'AL-QA’IDA', 'Al-Qaïda']) {
      expect(orgs(`the trial concerned ${text} members`), text).toEqual(['al-qaida']);
    }
    expect(orgs('Jabhat al Nusra')).toEqual(['al-nusrah-front']);
    expect(orgs('Combat18 and Combat-18')).toEqual(['combat-18', 'combat-18']);
  });

  it('handles possessives and hashtags', () => {
    expect(spans("ISIS's statement")).toEqual(['ISIS']);
    expect(spans('#ISIS trending')).toEqual(['ISIS']);
  });

  it('respects word boundaries', () => {
    for (const text of [
      'The crisis deepened.',
      'A careful analysis of the data.',
      'On the basis of the evidence.',
      'Thesis defence next week.',
      'ISISes is not a word.',
      'Dabiqa',
    ]) {
      expect(lexicon.match(text), text).toEqual([]);
    }
  });

  it('matches case-sensitive terms only with the listed capitals', () => {
    expect(only('Police said The Base recruited online.').org).toBe('the-base');
    expect(lexicon.match('We camped at the base of the mountain.')).toEqual([]);
    expect(lexicon.match('the base rate is low')).toEqual([]);
    expect(lexicon.match('Let us go; let it be.')).toEqual([]);
    expect(only('Officials blamed LeT for the attack.').org).toBe('lashkar-e-tayyiba');
    expect(only('a history of the Islamic State group').org).toBe('isil');
    // Split forms of hyphenated names must not turn ordinary words into names.
    expect(lexicon.match("Peshawar is KP's largest city.")).toEqual([]);
    expect(lexicon.match('a shopkeeper known as Sahab')).toEqual([]);
    expect(orgs('IS-KP and As-Sahab')).toEqual(['isil-k', 'al-qaida']);
    expect(lexicon.match('the idea of an islamic state in political theory')).toEqual([]);
  });

  it('cancels a term followed by a listed word', () => {
    expect(lexicon.match('The National Action Plan on climate was published.')).toEqual([]);
    expect(lexicon.match('National Action Party candidates won seats.')).toEqual([]);
    expect(lexicon.match('The Base Camp is at 5,364 metres.')).toEqual([]);
    expect(lexicon.match('Look up the HTS code for steel screws.')).toEqual([]);
    expect(only('The court heard National Action was proscribed in 2016.').org).toBe('national-action');
  });

  it('prefers the longest name when names overlap', () => {
    expect(only('al-Qaida in the Arabian Peninsula claimed nothing').org).toBe('aqap');
    expect(only('Islamic State West Africa Province').org).toBe('iswap');
    expect(only('Tehrik-i-Taliban Pakistan').org).toBe('tehrik-e-taliban-pakistan');
  });

  it('matches multi-word names across any run of spaces and punctuation', () => {
    expect(spans('Boko \n\n Haram')).toEqual(['Boko \n\n Haram']);
    expect(spans('Boko… Haram')).toEqual(['Boko… Haram']);
    expect(lexicon.match('Boko-ish Haram')).toEqual([]);
  });

  it('matches names in German, French, Swedish and Russian', () => {
    expect(orgs('Die Gruppe Nordadler wurde verboten.')).toEqual(['nordadler']);
    expect(orgs('AQMI et Daech')).toEqual(['aqim', 'isil']);
    expect(orgs('Nordiska motståndsrörelsen')).toEqual(['nordic-resistance-movement']);
    expect(orgs('Русское имперское движение')).toEqual(['russian-imperial-movement']);
    expect(lexicon.match('Die Atomwaffen der Welt')).toEqual([]);
  });
});

describe('Arabic names', () => {
  it('matches plain, diacritised, stretched and invisible-character variants', () => {
    for (const text of ['داعش', 'داعِش', 'دَاعِشٌ', 'داعـــش', 'دا\u200Cعش', 'د\u200Bاعش', '\uFEA9\uFE8D\uFECB\uFEB6']) {
      const hit = only(`ذكر التقرير ${text} مرة واحدة`);
      expect(hit.org, text).toBe('isil');
      expect(hit.term).toBe('داعش');
    }
  });

  it('matches alef, ta marbuta and ya variants', () => {
    expect(orgs('الدولة الاسلامية في العراق والشام')).toEqual(['isil']);
    expect(orgs('الدوله الإسلاميه في العراق والشام')).toEqual(['isil']);
    expect(orgs('هيئه تحرير الشام')).toEqual(['hts']);
    expect(orgs('لشکر طیبہ')).toEqual(['lashkar-e-tayyiba']);
  });

  it('matches with attached proclitics and reports the span without them', () => {
    for (const [text, span] of [
      ['وداعش', 'داعش'],
      ['لداعش', 'داعش'],
      ['بداعش', 'داعش'],
      ['فداعش', 'داعش'],
      ['كداعش', 'داعش'],
      ['وبداعش', 'داعش'],
      ['والداعش', 'داعش'],
      ['وهيئة تحرير الشام', 'هيئة تحرير الشام'],
      ['بحركة طالبان', 'حركة طالبان'],
    ] as const) {
      expect(spans(`قال التقرير ${text} اليوم`), text).toEqual([span]);
    }
  });

  it('handles the article with the prepositions ب ل and ك', () => {
    const text = 'بالدولة الإسلامية في العراق والشام وللدولة الإسلامية في العراق والشام';
    const hits = lexicon.match(text);
    expect(hits.map((h) => h.org)).toEqual(['isil', 'isil']);
    expect(text.slice(hits[0]?.start, hits[0]?.end)).toBe('الدولة الإسلامية في العراق والشام');
    // لل: the span starts at the lam of the elided article.
    expect(text.slice(hits[1]?.start, hits[1]?.end)).toBe('لدولة الإسلامية في العراق والشام');
  });

  it('accepts a detached و inside a name', () => {
    expect(orgs('الدولة الإسلامية في العراق و الشام')).toEqual(['isil']);
  });

  it('does not match inside a longer word', () => {
    for (const text of ['مداعشة', 'داعشية', 'الداعشيون', 'اداعش']) {
      expect(lexicon.match(`كلمة ${text} هنا`), text).toEqual([]);
    }
  });

  it('leaves ordinary uses of ambiguous words alone', () => {
    for (const text of [
      'القاعدة الذهبية في الاستثمار هي التنويع',
      'تم تحديث قاعدة البيانات أمس',
      'عادت الطائرات إلى القاعدة الجوية',
      'هذه القاعدة النحوية سهلة',
      'سبح الغواص في أعماق البحر',
      'قرأ سورة النبأ وسورة الفرقان',
      'نجح طالبان في الامتحان',
      'حركة الشباب في الجامعة نظمت معرضا',
      'الشباب يلعبون كرة القدم',
      'تحدث الكتاب عن الدولة الإسلامية في العصر العباسي',
      'تنظيم الدولة للانتخابات كان جيدا',
      'مؤسسة الفرقان للتراث الإسلامي في لندن',
      'نشرت صحيفة الحياة تقريرا عن الأندلس',
      'الجماعة الإسلامية في مصر',
      'ينتظر المزارعون المطر والسحاب',
    ]) {
      expect(lexicon.match(text), text).toEqual([]);
    }
  });

  it('still finds the unambiguous forms of those names', () => {
    expect(orgs('أعلن تنظيم القاعدة')).toEqual(['al-qaida']);
    expect(orgs('نقلت وكالة أعماق')).toEqual(['isil']);
    expect(orgs('نشرت صحيفة النبأ')).toEqual(['isil']);
    expect(orgs('مقاتلي طالبان')).toEqual(['taliban']);
    expect(orgs('حركة الشباب المجاهدين')).toEqual(['al-shabaab']);
    expect(orgs('تنظيم القاعدة في جزيرة العرب')).toEqual(['aqap']);
  });
});

describe('neutral text', () => {
  it('gives no hits for everyday, news and religious sentences', () => {
    for (const text of [
      'بسم الله الرحمن الرحيم',
      'الحمد لله رب العالمين',
      'الطقس في حلب مشمس اليوم ودرجة الحرارة معتدلة',
      'افتتح وزير التعليم مدرسة جديدة في دمشق',
      'The weather in Aleppo is sunny today.',
      'The state budget was approved by parliament.',
      'Students discussed the history of the caliphate in class.',
      'Meeting moved to 3pm, see you at the base of the stairs.',
      '',
      '   ',
      '😀👍',
    ]) {
      expect(lexicon.match(text), text).toEqual([]);
    }
  });
});

describe('offsets', () => {
  it('map back to the original span through diacritics, tatweel and zero-width characters', () => {
    for (const inner of ['داعِش', 'داعـــش', 'دا\u200Bعش', 'دَاعِشٌ', 'هيئة\u200C تحرير الشـام']) {
      const text = `🙂 خبر: و${inner}، انتهى`;
      const hit = only(text);
      expect(text.slice(hit.start, hit.end)).toBe(inner);
    }
  });

  it('include trailing marks on the last letter but not the next word', () => {
    const text = 'ISIS\u0301 then';
    expect(spans(text)).toEqual(['ISIS\u0301']);
  });

  it('count UTF-16 units, including astral characters before the hit', () => {
    const text = '𝕏😀 Daesh';
    const hit = only(text);
    expect(hit.start).toBe(5);
    expect(hit.end).toBe(10);
  });

  it('are in text order', () => {
    const hits = lexicon.match('Boko Haram, Daesh and داعش and al-Shabaab');
    expect(hits.map((h) => h.org)).toEqual(['boko-haram', 'isil', 'isil', 'al-shabaab']);
    const starts = hits.map((h) => h.start);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });
});

describe('compileLexicon', () => {
  const base: LexiconFile = {
    version: '2026.1.1',
    updated: '2026-01-01',
    sources: [{ id: 's', title: 'S', url: 'https://example.org', kind: 'other' }],
    organisations: [
      {
        id: 'a',
        name: { en: 'A' },
        ideology: 'other',
        designations: [{ source: 's' }],
        terms: [{ text: 'Alpha Group', lang: 'en', kind: 'name' }],
      },
      {
        id: 'b',
        name: { en: 'B' },
        ideology: 'other',
        designations: [{ source: 's' }],
        terms: [{ text: 'Beta', lang: 'en', kind: 'name' }],
      },
    ],
  };

  it('rejects two organisations sharing a term after folding', () => {
    const clash = structuredClone(base);
    clash.organisations[1]?.terms.push({ text: 'alpha-group', lang: 'en', kind: 'alias' });
    try {
      compileLexicon(clash);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('LEXICON_INVALID');
      expect((error as AppError).pointer).toBe('/organisations/1/terms/1/text');
    }
  });

  it('rejects a notFollowedBy entry of more than one word', () => {
    const bad = structuredClone(base);
    bad.organisations[0]!.terms[0]!.notFollowedBy = ['two words'];
    expect(() => compileLexicon(bad)).toThrowError(AppError);
  });

  it('uses the fold it is given, for terms and messages alike', () => {
    // A fold that also maps the digit 4 to "a": a stand-in for a future evasion normaliser.
    const leet: Fold = (text) => {
      let out = '';
      const map: number[] = [];
      for (let i = 0; i < text.length; i++) {
        const c = text[i] as string;
        out += c === '4' ? 'a' : c.toLowerCase();
        map.push(i);
      }
      return { text: out, map: Int32Array.from(map) };
    };
    const custom = compileLexicon(base, { fold: leet });
    expect(custom.match('Alph4 Group').map((h) => h.org)).toEqual(['a']);
    expect(compileLexicon(base).match('Alph4 Group')).toEqual([]);
  });
});
