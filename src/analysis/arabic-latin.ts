/**
 * Arabic letters to a Latin spelling close to how channel owners romanise their names, so an
 * Arabic title lines up with a Latin handle (`ناشر` ~ `nashir`). Short vowels are not written in
 * Arabic, so the result matches best on the consonant skeleton (see handle-key.ts).
 */
const ARABIC_TO_LATIN: Record<string, string> = {
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ٱ: 'a',
  ء: '',
  ؤ: 'u',
  ئ: 'i',
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'j',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: '',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ة: 'a',
  و: 'w',
  ي: 'y',
  ى: 'a',
  پ: 'p',
  چ: 'ch',
  گ: 'g',
  ڤ: 'v',
  ک: 'k',
  ی: 'y',
};

/** Harakat, tatweel and other marks carry no consonant; they are dropped. */
const MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/gu;
const ARABIC_DIGIT_BASE = { '٠': 0x0660, '۰': 0x06f0 } as const;

export function arabicToLatin(s: string): string {
  if (!/[\u0600-\u06ff]/u.test(s)) return s;
  let out = '';
  for (const ch of s.replace(MARKS, '')) {
    const latin = ARABIC_TO_LATIN[ch];
    if (latin !== undefined) out += latin;
    else if (ch >= '٠' && ch <= '٩') out += String(ch.charCodeAt(0) - ARABIC_DIGIT_BASE['٠']);
    else if (ch >= '۰' && ch <= '۹') out += String(ch.charCodeAt(0) - ARABIC_DIGIT_BASE['۰']);
    else out += ch;
  }
  return out;
}
