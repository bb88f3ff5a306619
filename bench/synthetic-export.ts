import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * A synthetic Telegram Desktop export for throughput runs: harmless Arabic and English
 * sentences of realistic length, entity arrays, media stubs, forwards, edits, buttons, service
 * messages, a few neutral sentences that name an organisation (lexicon hits) and Rasd's test
 * marker (policy hits). Written in slices, so a large export never sits in memory.
 */
const AR = [
  'الطقس',
  'اليوم',
  'في',
  'المدينة',
  'معتدل',
  'والأسواق',
  'مزدحمة',
  'بالناس',
  'قبل',
  'العيد',
  'وزارة',
  'الصحة',
  'أعلنت',
  'افتتاح',
  'مستشفى',
  'جديد',
  'المباراة',
  'انتهت',
  'بالتعادل',
  'الجمهور',
];
const EN = [
  'the',
  'weather',
  'in',
  'the',
  'city',
  'is',
  'mild',
  'and',
  'markets',
  'are',
  'busy',
  'before',
  'the',
  'holiday',
  'ministry',
  'opened',
  'a',
  'new',
  'hospital',
  'today',
];

function sentence(n: number, words: string[], length: number): string {
  const out: string[] = [];
  let x = n * 2654435761;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.push(words[x % words.length] as string);
  }
  return out.join(' ');
}

function textOf(n: number): string {
  const arabic = n % 2 === 0;
  let text = sentence(n, arabic ? AR : EN, 8 + (n % 23));
  if (n % 100 === 7) text += ' RASD-TEST-MARKER';
  if (n % 100 === 41) text += ' RASD-TEST-MARKER:praise:0.6';
  if (n % 50 === 3) text += arabic ? ' تقرير عن تنظيم داعش' : ' a report about ISIS';
  return text;
}

export function syntheticMessage(n: number): Record<string, unknown> {
  const unix = 1_727_740_800 + n * 37;
  const date = new Date(unix * 1000).toISOString().slice(0, 19);
  if (n % 97 === 96) {
    return {
      id: n + 1,
      type: 'service',
      date,
      date_unixtime: String(unix),
      actor: 'Bench Channel',
      actor_id: 'channel1001',
      action: 'pin_message',
      message_id: n,
      text: '',
      text_entities: [],
    };
  }
  const text = textOf(n);
  const m: Record<string, unknown> = {
    id: n + 1,
    type: 'message',
    date,
    date_unixtime: String(unix),
    from: 'Bench Channel',
    from_id: 'channel1001',
  };
  if (n % 3 === 0) {
    m.text = [
      text,
      ' ',
      { type: 'text_link', text: 'more', href: 'https://example.org/a' },
      ' ',
      { type: 'hashtag', text: '#news' },
    ];
    m.text_entities = [
      { type: 'plain', text },
      { type: 'plain', text: ' ' },
      { type: 'text_link', text: 'more', href: 'https://example.org/a' },
      { type: 'plain', text: ' ' },
      { type: 'hashtag', text: '#news' },
    ];
  } else {
    m.text = text;
    m.text_entities = [{ type: 'plain', text }];
  }
  if (n % 5 === 0)
    Object.assign(m, {
      photo: '(File not included. Change data exporting settings to download.)',
      photo_file_size: 54_321,
      width: 1280,
      height: 720,
    });
  if (n % 11 === 0) m.forwarded_from = 'Other Channel';
  if (n % 17 === 0) Object.assign(m, { edited: date, edited_unixtime: String(unix + 60) });
  if (n % 19 === 0) m.inline_bot_buttons = [[{ type: 'url', text: 'Open', data: 'https://example.org/b' }]];
  return m;
}

/** Writes the export; returns its size in bytes. */
export function writeSyntheticExport(file: string, messages: number): number {
  const fd = openSync(file, 'w');
  let bytes = 0;
  const write = (s: string) => {
    bytes += writeSync(fd, s);
  };
  try {
    write('{\n "name": "Bench Channel",\n "type": "public_channel",\n "id": 1001,\n "messages": [\n');
    for (let n = 0; n < messages; n += 1000) {
      const slice: string[] = [];
      for (let k = n; k < Math.min(n + 1000, messages); k++) slice.push(JSON.stringify(syntheticMessage(k), null, 1));
      write(slice.join(',\n') + (n + 1000 < messages ? ',\n' : ''));
    }
    write('\n ]\n}\n');
  } finally {
    closeSync(fd);
  }
  return bytes;
}
