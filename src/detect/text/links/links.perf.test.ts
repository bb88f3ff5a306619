import { describe, expect, it } from 'vitest';
import { extractLinks } from './extract.js';

/** Short messages of typical Telegram length: most without links, some plain, a few disguised. */
const MESSAGES = [
  'الطقس في حلب مشمس اليوم ودرجة الحرارة معتدلة مع رياح خفيفة',
  'افتتح وزير التعليم مدرسة جديدة في دمشق بحضور الأهالي والطلاب. تابعونا على t.me/example_news',
  'The weather in Aleppo is sunny today, with light winds in the afternoon.',
  'Meeting moved to 3pm; please bring the budget spreadsheet. https://example.org/agenda',
  'صباح الخير يا شباب، الاجتماع الساعة الخامسة في المكتب 🙂',
  'روابط: hxxps[:]//example[.]org/a و bit.ly/AbC',
  'دوباره باران می‌بارد، چتر بردار.',
  'Good morning, how are you today?',
];

describe('link extraction throughput', () => {
  it('reads tens of thousands of short messages per second', () => {
    let found = 0;
    for (let i = 0; i < 20_000; i++) found += extractLinks(MESSAGES[i % MESSAGES.length] as string).length;
    const rounds = 100_000;
    // CPU time, not wall time: the figure is per core and robust to a busy machine.
    const t0 = process.cpuUsage();
    for (let i = 0; i < rounds; i++) found += extractLinks(MESSAGES[i % MESSAGES.length] as string).length;
    const used = process.cpuUsage(t0);
    const perSecond = Math.round(rounds / ((used.user + used.system) / 1e6));
    process.stdout.write(`links: ${perSecond} messages/s of CPU (${found} links)\n`);
    expect(found).toBeGreaterThan(0);
    expect(perSecond).toBeGreaterThan(20_000);
  });

  it('stays fast on a megabyte of hostile text', () => {
    const text = `${'a.'.repeat(150_000)} ${'t . me / '.repeat(40_000)} ${'x [.] '.repeat(40_000)}`;
    const t0 = process.cpuUsage();
    extractLinks(text);
    const used = process.cpuUsage(t0);
    expect((used.user + used.system) / 1e6).toBeLessThan(5);
  });
});
