import { describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';

const text = (s: string) => normalize(s).text;
const tactics = (s: string) => normalize(s).tactics.map((t) => t.tactic);

describe('links, addresses and mentions are kept', () => {
  it('keeps URLs, lower-casing only scheme and host', () => {
    expect(text('visit HTTPS://Example.COM/Path/ABC?Q=1#Top now')).toBe(
      'visit https://example.com/Path/ABC?Q=1#Top now',
    );
    expect(text('www.Example.com/A1B2')).toBe('www.example.com/A1B2');
    expect(text('t.me/Some_Channel')).toBe('t.me/Some_Channel');
    expect(text('see bit.ly/AbC123.')).toBe('see bit.ly/AbC123.');
  });

  it('does not read leet, look-alikes, splits or runs inside links', () => {
    for (const s of [
      'https://example.com/h3ll0/d43sh',
      'https://example.com/a_b_c_d',
      'https://example.com/aaaa/x',
      'http://t.me/I_S_I_S',
      'https://example.com/p@th',
    ]) {
      expect(tactics(s), s).toEqual([]);
    }
    expect(text('https://example.com/h3ll0/d43sh')).toBe('https://example.com/h3ll0/d43sh');
  });

  it('keeps e-mail addresses, lower-casing only the domain', () => {
    expect(text('mail Ali.K@Example.COM today')).toBe('mail Ali.K@example.com today');
    expect(tactics('write to l33t.user@example.com')).toEqual([]);
  });

  it('keeps mentions and hashtags', () => {
    expect(text('@Rasd_Bot hi')).toBe('@rasd_bot hi');
    expect(tactics('@user_1337 hi')).toEqual([]);
    expect(text('#ISIS trending #أخبار')).toBe('#isis trending #اخبار');
  });
});

describe('numbers, dates, prices and times are kept', () => {
  it('leaves them exactly as written', () => {
    for (const s of [
      '2024-01-05',
      '05/01/2024',
      '10:30',
      '3pm',
      '$1,200.50',
      '€99',
      '+971 50 123 4567',
      '1.5.3',
      '192.168.1.1',
      'COVID-19',
      'v2.0',
      '50%',
    ]) {
      expect(text(s), s).toBe(s.toLowerCase());
      expect(tactics(s), s).toEqual([]);
    }
  });

  it('turns Arabic-Indic numerals into ASCII without reporting', () => {
    expect(text('في ٢٠٢٤/٠١/٠٥ الساعة ١٠:٣٠')).toBe('في 2024/01/05 الساعه 10:30');
    expect(tactics('في ٢٠٢٤/٠١/٠٥ الساعة ١٠:٣٠')).toEqual([]);
  });
});

describe('ordinary writing in other scripts is kept', () => {
  it('keeps Russian, Greek, Persian and Urdu sentences', () => {
    for (const s of [
      'Погода в Москве сегодня солнечная.',
      'Сосна, ель и кедр растут в тайге.',
      'Ο καιρός στην Αθήνα είναι καλός.',
      'هوا امروز در تهران آفتابی است',
      'می‌خواهم این کتاب را بخوانم',
      'آج لاہور میں موسم اچھا ہے',
    ]) {
      expect(tactics(s), s).toEqual([]);
    }
    expect(text('Сосна, ель и кедр')).toBe('сосна, ель и кедр');
  });

  it('keeps mixed Arabic and English messages', () => {
    const s = 'اجتماع اليوم at 5pm في المكتب، please confirm 🙏';
    expect(tactics(s)).toEqual([]);
    expect(text(s)).toBe('اجتماع اليوم at 5pm في المكتب، please confirm 🙏');
  });

  it('keeps scripture and greetings', () => {
    for (const s of [
      'السلام عليكم ورحمة الله وبركاته',
      'بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ',
      'قُلْ هُوَ اللَّهُ أَحَدٌ ۝ اللَّهُ الصَّمَدُ',
      'مرحبا، كيف حالك؟',
      'صلى الله عليه وسلم ﷺ',
    ]) {
      expect(tactics(s), s).toEqual([]);
    }
    expect(text('قُلْ هُوَ اللَّهُ أَحَدٌ')).toBe('قل هو الله احد');
  });

  it('keeps emoji, including sequences and flags', () => {
    const s = 'Good morning ☀️🇸🇾 👍🏽 👨‍👩‍👧';
    expect(tactics(s)).toEqual([]);
    expect(text(s)).toBe('good morning ☀🇸🇾 👍🏽 👨‍👩‍👧');
  });
});
