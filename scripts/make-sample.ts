/**
 * Builds examples/sample-export/ — the bundled demo channel — from harmless rows of the training
 * corpus (news, scripture, hadith, everyday chat) plus Rasd's own test markers. Run once by a
 * developer who has ../shared; the output is committed, the corpus is not. Deterministic: rows
 * are picked by the hash of their id, so rerunning gives the same export.
 *
 *   node dist/scripts/make-sample.js ../shared/data/tvec/train.jsonl examples/sample-export
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

interface Row {
  id: string;
  text: string;
  label: string;
  source: string;
  category: string;
}

const PICKS: { source: string; category?: string; n: number; filter?: (t: string) => boolean }[] = [
  { source: 'aljazeera-ar', n: 6 },
  { source: 'asnd-news', category: 'news:sports', n: 2 },
  { source: 'asnd-news', category: 'news:health', n: 2 },
  { source: 'agnews', category: 'news:scitech', n: 2 },
  { source: 'agnews', category: 'news:world', n: 1, filter: (t) => /Qaeda/.test(t) },
  { source: 'quran-ar', n: 3 },
  { source: 'quran-en', n: 3 },
  { source: 'hadith', n: 3 },
  { source: 'arsarcasm', category: 'chat', n: 4 },
];

function pickRows(corpus: string): Row[] {
  const rows = readFileSync(corpus, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row)
    .filter((r) => r.label === 'benign' && r.text.length >= 30 && r.text.length <= 280 && !/https?:|@\w/.test(r.text));
  const rank = (r: Row) => createHash('sha256').update(r.id).digest('hex');
  const out: Row[] = [];
  for (const pick of PICKS) {
    const pool = rows
      .filter((r) => r.source === pick.source && (!pick.category || r.category === pick.category))
      .filter((r) => !pick.filter || pick.filter(r.text))
      .sort((a, b) => rank(a).localeCompare(rank(b)));
    out.push(...pool.slice(0, pick.n));
  }
  return out;
}

/** A small grey-gradient PNG, written by hand so the sample needs no image library. */
function gradientPng(size: number): Buffer {
  const raw = Buffer.alloc((size + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size + 1)] = 0;
    for (let x = 0; x < size; x++) raw[y * (size + 1) + 1 + x] = Math.round(((x + y) / (2 * size - 2)) * 255);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const sig = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(data: Buffer): number {
  let c = ~0;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

const MINIMAL_PDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 52 >> stream
BT /F1 12 Tf 20 50 Td (Rasd sample document) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

const CHANNEL_ID = 1000000001;
const START = Date.UTC(2024, 9, 3, 8, 0, 0) / 1000; // 2024-10-03, inside the demo's 2024Q4

type Message = Record<string, unknown>;

function at(i: number): { date: string; date_unixtime: string } {
  const t = START + i * 2 * 86_400 + (i % 5) * 3_700;
  return { date: new Date(t * 1000).toISOString().slice(0, 19), date_unixtime: String(t) };
}

function plain(id: number, text: string): Message {
  return {
    id,
    type: 'message',
    ...at(id),
    from: 'Rasd Demo Channel',
    from_id: `channel${CHANNEL_ID}`,
    text,
    text_entities: [{ type: 'plain', text }],
  };
}

/** Messages that exercise every reader path: media, forward, hidden link, buttons, edit, service. */
function specialMessages(rows: Row[], next: () => number): Message[] {
  const caption = rows[0]?.text ?? 'caption';
  const out: Message[] = [];
  const photoId = next();
  out.push({
    ...plain(photoId, caption),
    photo: 'photos/photo_1@03-10-2024_08-00-00.png',
    photo_file_size: 0,
    width: 64,
    height: 64,
  });
  const docId = next();
  out.push({
    ...plain(docId, 'Weekly bulletin attached.'),
    file: 'files/bulletin.pdf',
    file_name: 'bulletin.pdf',
    file_size: MINIMAL_PDF.length,
    mime_type: 'application/pdf',
  });
  const fwdId = next();
  out.push({ ...plain(fwdId, rows[1]?.text ?? 'forwarded'), forwarded_from: 'Another Demo Channel' });
  const linkId = next();
  out.push({
    ...plain(linkId, 'Read the full story here'),
    text: ['Read the full story ', { type: 'text_link', text: 'here', href: 'https://example.org/story/42' }],
    text_entities: [
      { type: 'plain', text: 'Read the full story ' },
      { type: 'text_link', text: 'here', href: 'https://example.org/story/42' },
    ],
  });
  const buttonId = next();
  out.push({
    ...plain(buttonId, 'Subscribe to the weather bulletin #weather @demo_weather'),
    inline_bot_buttons: [[{ type: 'url', text: 'Open', data: 'https://example.org/weather' }]],
    text_entities: [
      { type: 'plain', text: 'Subscribe to the weather bulletin ' },
      { type: 'hashtag', text: '#weather' },
      { type: 'plain', text: ' ' },
      { type: 'mention', text: '@demo_weather' },
    ],
  });
  const editId = next();
  const edited = Number(at(editId).date_unixtime) + 600;
  out.push({
    ...plain(editId, 'Correction: the meeting moved to Thursday. RASD-TEST-MARKER:incitement:0.6'),
    edited: new Date(edited * 1000).toISOString().slice(0, 19),
    edited_unixtime: String(edited),
  });
  const missingId = next();
  out.push({ ...plain(missingId, 'Photo of the market'), photo: 'photos/photo_missing.png', width: 64, height: 64 });
  const skippedId = next();
  out.push({
    ...plain(skippedId, ''),
    file: '(File not included. Change data exporting settings to download.)',
    media_type: 'video_file',
    mime_type: 'video/mp4',
    duration_seconds: 12,
    text_entities: [],
  });
  for (const [marker, text] of [
    ['RASD-TEST-MARKER', 'Test item for the takedown path. RASD-TEST-MARKER'],
    ['RASD-TEST-MARKER:praise', 'Test item, praise category. RASD-TEST-MARKER:praise'],
    ['RASD-TEST-MARKER:recruitment', 'Test item, recruitment category. RASD-TEST-MARKER:recruitment'],
    ['RASD-TEST-MARKER:praise:0.6', 'Test item for the review path. RASD-TEST-MARKER:praise:0.6'],
  ] as const) {
    void marker;
    out.push(plain(next(), text));
  }
  return out;
}

function service(id: number, action: string, extra: Message): Message {
  return {
    id,
    type: 'service',
    ...at(id),
    actor: 'Rasd Demo Channel',
    actor_id: `channel${CHANNEL_ID}`,
    action,
    text: '',
    text_entities: [],
    ...extra,
  };
}

function buildExport(rows: Row[]): Message {
  let id = 1;
  const next = () => ++id;
  const messages: Message[] = [service(1, 'create_channel', { title: 'Rasd Demo Channel' })];
  const special = specialMessages(rows, next);
  for (const row of rows.slice(2)) messages.push(plain(next(), row.text));
  messages.push(...special);
  messages.push(service(next(), 'edit_group_title', { title: 'Rasd Demo Channel (archive)' }));
  messages.push(service(next(), 'pin_message', { message_id: 5 }));
  messages.sort((a, b) => (a.id as number) - (b.id as number));
  return { name: 'Rasd Demo Channel', type: 'public_channel', id: CHANNEL_ID, messages };
}

function main(corpus: string, out: string): void {
  const rows = pickRows(corpus);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'photos'), { recursive: true });
  mkdirSync(join(out, 'files'), { recursive: true });
  const png = gradientPng(64);
  writeFileSync(join(out, 'photos', 'photo_1@03-10-2024_08-00-00.png'), png);
  writeFileSync(join(out, 'files', 'bulletin.pdf'), MINIMAL_PDF);
  const exported = buildExport(rows);
  for (const m of exported.messages as Message[]) if (m.photo_file_size === 0) m.photo_file_size = png.length;
  writeFileSync(join(out, 'result.json'), `${JSON.stringify(exported, null, 1)}\n`);
  const sources = [...new Set(rows.map((r) => r.source))].join(', ');
  process.stdout.write(
    `wrote ${(exported.messages as Message[]).length} messages from ${rows.length} corpus rows (${sources})\n`,
  );
}

const [corpus, out] = process.argv.slice(2);
if (!corpus || !out) {
  process.stderr.write('usage: make-sample <train.jsonl> <out-dir>\n');
  process.exitCode = 2;
} else {
  main(corpus, out);
}
