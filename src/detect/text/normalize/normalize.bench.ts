import { normalize } from './normalize.js';
import type { NormalizeOptions } from './types.js';

/**
 * Throughput of `normalize` on typical Telegram-length messages (about 150 characters, Arabic
 * and English, neutral content, a link and an Arabizi line among them). Not a test: machines
 * are shared and noisy, so callers print the figure (best of several rounds) rather than assert
 * on it. Example: `node -e "import('./dist/src/detect/text/normalize/normalize.bench.js').then(m => console.log(m.benchNormalize()))"`.
 */
export const BENCH_MESSAGES: readonly string[] = [
  'الطقس في حلب مشمس اليوم ودرجة الحرارة معتدلة مع رياح خفيفة، ويتوقع أن تنخفض درجات الحرارة مساء الغد بحسب هيئة الأرصاد الجوية في المدينة',
  'افتتح وزير التعليم مدرسة جديدة في دمشق بحضور الأهالي والطلاب، وقال إن المدرسة تتسع لخمسمئة طالب وطالبة وستبدأ الدراسة فيها الشهر المقبل',
  'ذكر تقرير الأمم المتحدة أن تنظيم داعش فقد معظم مناطقه في العراق وسوريا خلال السنوات الماضية، لكن خلاياه ما زالت تنشط في البادية',
  'The weather in Aleppo is sunny today, with light winds in the afternoon and a chance of rain tomorrow evening. Schools remain open all week.',
  'Analysts said the report on al-Qaida in the Arabian Peninsula was delayed until next month, officials told reporters at the briefing on Monday.',
  'صباح الخير يا شباب، الاجتماع الساعة الخامسة في المكتب 🙂 لا تنسوا إحضار التقارير والملاحظات من الأسبوع الماضي، وشكرا لتعاونكم',
  'Meeting moved to 3pm; please bring the budget spreadsheet and the notes from last week. Thanks! Agenda: https://example.com/agenda/Q3',
  'بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ الْحَمْدُ لِلَّهِ رَبِّ الْعَالَمِينَ الرَّحْمَٰنِ الرَّحِيمِ مَالِكِ يَوْمِ الدِّينِ إِيَّاكَ نَعْبُدُ',
  'ana msh 3aref eh elly 7asal embareh, kan fe za7ma gamda 3ala el tari2 w el nas kolaha kanet mestanya el otobees',
  'أعلنت الحكومة عن خطة لتطوير الطرق والجسور في المحافظات الشمالية بتكلفة تبلغ ٢٥ مليون دولار خلال السنوات الثلاث القادمة',
];

export interface BenchResult {
  messagesPerSecond: number;
  averageChars: number;
  rounds: number;
}

/**
 * Best-of-`rounds` throughput over `count` messages per round (after a warm-up). `clock` returns
 * milliseconds; pass a CPU-time clock (`() => process.cpuUsage().user / 1000`) on a busy machine.
 */
export function benchNormalize(
  count = 200_000,
  rounds = 3,
  options: NormalizeOptions = {},
  clock: () => number = () => performance.now(),
): BenchResult {
  const messages = BENCH_MESSAGES;
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += normalize(messages[i % messages.length] as string, options).text.length;
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = clock();
    for (let i = 0; i < count; i++) sink += normalize(messages[i % messages.length] as string, options).text.length;
    const seconds = (clock() - t0) / 1000;
    best = Math.max(best, count / seconds);
  }
  const averageChars = messages.reduce((a, m) => a + m.length, 0) / messages.length;
  // `sink` keeps the work observable so it cannot be optimised away.
  return { messagesPerSecond: Math.round(best + (sink < 0 ? 1 : 0)), averageChars: Math.round(averageChars), rounds };
}
