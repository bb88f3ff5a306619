import { describe, expect, it } from 'vitest';
import { announcesBackup, BACKUP_PHRASES_AR, BACKUP_PHRASES_EN } from './backup-phrases.js';

describe('announcesBackup', () => {
  it.each([...BACKUP_PHRASES_EN, ...BACKUP_PHRASES_AR])('finds the listed phrase "%s"', (phrase) => {
    expect(announcesBackup(`x ${phrase} t.me/somewhere`)).toBe(true);
  });

  it.each([
    ['tatweel', 'القنـــــاة الاحتيـــاطية'],
    ['diacritics', 'الرَّابِطُ الجَدِيدُ'],
    ['zero-width', 'ال\u200bرابط ال\u200cجديد'],
    ['letter variants', 'قناه احتياطيه'],
    ['attached conjunction', 'والرابط الجديد هنا'],
    ['suffix', 'انضموا لقناتنا الجديدة'],
    ['leet', 'B4ckup ch4nnel here'],
    ['fullwidth', 'ｎｅｗ ｌｉｎｋ'],
    ['separators', 'NEW-LINK >>'],
    ['line break', 'we\nmoved'],
  ])('sees through %s', (_trick, text) => {
    expect(announcesBackup(text)).toBe(true);
  });

  it.each([
    'Remember to backup your phone tonight',
    'A new linked list implementation',
    'The channel covers cooking and travel',
    'قناة الطبخ اليومية',
    'رابط المقال في الأسفل',
    'renewal link',
    '',
  ])('does not fire on benign text "%s"', (text) => {
    expect(announcesBackup(text)).toBe(false);
  });
});
