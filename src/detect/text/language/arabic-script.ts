/**
 * Arabic, Persian, Urdu, Pashto and Sorani Kurdish share one script; an n-gram model trained on
 * sentences confuses them on a short post. Letters settle most cases (Urdu has ے ں ٹ, Pashto
 * ټ ښ ځ, Kurdish ێ ۆ ڵ, Persian writes ی ک where Arabic writes ي ك), and a few very frequent
 * function words settle the rest. Text with no evidence at all is called Arabic, with low
 * confidence: for Rasd that is the likeliest language of an Arabic-script message.
 */

export interface ArabicScriptGuess {
  lang: 'ar' | 'fa' | 'ur' | 'ps' | 'ku';
  confidence: number;
}

type Lang = ArabicScriptGuess['lang'];

const LANGS: readonly Lang[] = ['ar', 'fa', 'ur', 'ps', 'ku'];

/** Letters and how much each one says, per language. */
const LETTER_WEIGHTS = new Map<number, [Lang, number]>([
  // Urdu: retroflexes, nun ghunna, yeh barree, heh goal / doachashmee, teh marbuta goal.
  ...[0x0679, 0x0688, 0x0691, 0x06ba, 0x06d2, 0x06d3, 0x06be, 0x06c1, 0x06c3].map((c): [number, [Lang, number]] => [
    c,
    ['ur', 3],
  ]),
  // Pashto: ټ ډ ړ ښ ږ ځ څ ګ ڼ ۍ ې.
  ...[0x067c, 0x0689, 0x0693, 0x069a, 0x0696, 0x0681, 0x0685, 0x06ab, 0x06bc, 0x06cd, 0x06d0].map(
    (c): [number, [Lang, number]] => [c, ['ps', 3]],
  ),
  // Sorani Kurdish: ێ ۆ ڵ ڕ ە.
  ...[0x06ce, 0x06c6, 0x06b5, 0x0695, 0x06d5].map((c): [number, [Lang, number]] => [c, ['ku', 3]]),
  // Persian letters (also in Urdu, Pashto, Kurdish, whose own letters outweigh them): پ چ ژ گ, ی ک.
  ...[0x067e, 0x0686, 0x0698, 0x06af, 0x06cc, 0x06a9].map((c): [number, [Lang, number]] => [c, ['fa', 1]]),
  // Arabic spellings: ة ى ي ك أ إ.
  ...[0x0629, 0x0649, 0x064a, 0x0643, 0x0623, 0x0625].map((c): [number, [Lang, number]] => [c, ['ar', 1]]),
]);

/**
 * Function words that occur in almost every sentence of one language and rarely in the others.
 * Words the languages share ("من", "ما") are left out, and so is Urdu "کی", which an Arabic
 * keyboard writes as Arabic "كي".
 */
const FUNCTION_WORDS = new Map<string, Lang>([
  ...'في على إلى الى عن أن إن هذا هذه ذلك التي الذي الذين كان كانت قد لم لن مع بين كل هو هي نحن أنا أنت ثم حتى لكن أو بعد قبل عند كيف جدا'
    .split(' ')
    .map((w): [string, Lang] => [w, 'ar']),
  ...'است این آن که را از به با برای می نمی های ها شد بود کرد دارد یک تا اما اگر شما او خیلی چه هست نیست هستند بسیار'
    .split(' ')
    .map((w): [string, Lang] => [w, 'fa']),
  ...'ہے ہیں کے کا میں سے کو نے اور پر یہ وہ تھا تھی گا گی بھی نہیں آپ ہم کیا ہو'
    .split(' ')
    .map((w): [string, Lang] => [w, 'ur']),
  ...'د په ته چې دی کې یې څه دا'.split(' ').map((w): [string, Lang] => [w, 'ps']),
  ...'لە بۆ ئەم ئەو لەگەڵ'.split(' ').map((w): [string, Lang] => [w, 'ku']),
]);

/** Arabic-script words: harakat and tatweel removed; ZWNJ splits (Persian writes می‌روم). */
const WORD = /[\u0620-\u063f\u0641-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f]+/g;
const MARKS = /[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/g;

export function scoreArabicScript(text: string): Record<Lang, number> {
  const scores: Record<Lang, number> = { ar: 0, fa: 0, ur: 0, ps: 0, ku: 0 };
  for (let i = 0; i < text.length; i++) {
    const weight = LETTER_WEIGHTS.get(text.charCodeAt(i));
    if (weight) scores[weight[0]] += weight[1];
  }
  for (const [word] of text.replace(MARKS, '').matchAll(WORD)) {
    const lang = FUNCTION_WORDS.get(word) ?? FUNCTION_WORDS.get(otherKeyboard(word));
    if (lang) scores[lang] += 2;
    // The article al- starts a large share of Arabic words; in Persian and Urdu only loanwords.
    else if (word.length >= 4 && word.startsWith('ال')) scores.ar += 1;
  }
  return scores;
}

/**
 * The same word typed on the other keyboard: Persian and Urdu typed on an Arabic layout get
 * ي ك, Arabic typed on a Persian layout gets ی ک. Looking a word up both ways finds it either way.
 */
function otherKeyboard(word: string): string {
  return /[يكى]/.test(word)
    ? word.replace(/[يى]/g, 'ی').replace(/ك/g, 'ک')
    : word.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
}

export function guessArabicScript(text: string): ArabicScriptGuess {
  const scores = scoreArabicScript(text);
  let best: Lang = 'ar';
  let second = 0;
  for (const lang of LANGS) {
    if (scores[lang] > scores[best]) best = lang;
  }
  for (const lang of LANGS) {
    if (lang !== best && scores[lang] > second) second = scores[lang];
  }
  const top = scores[best];
  if (top === 0) return { lang: 'ar', confidence: 0.4 };
  // Confidence grows with the margin over the runner-up and with how much evidence there is.
  const margin = (top - second) / top;
  const amount = Math.min(1, top / 8);
  return { lang: best, confidence: round(0.4 + 0.55 * margin * amount + 0.05 * amount) };
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;
}
