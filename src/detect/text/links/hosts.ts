/**
 * Host and TLD lists. These are data, not judgements: a host listed here is an ordinary service
 * that millions use lawfully. They are listed because public research on how extremist channels
 * move content off Telegram after takedowns (outlinking) keeps naming the same kinds of places:
 * link shorteners that hide the destination, file lockers and paste sites that hold the files
 * and "mirror lists", and Telegram invite links that rebuild an audience. See the reports of
 * Tech Against Terrorism and GNET on terrorist use of file-sharing and pasting services and
 * Europol's Referral Action Day summaries. A link to one of them is a signal, never a verdict.
 *
 * A host matches an entry when it equals it or is a subdomain of it (`ia800.us.archive.org`
 * matches `archive.org`). Keep each list sorted; add a host with the reason in the commit.
 */

/** Telegram's own link hosts; `username.t.me` is also a channel address. */
export const TELEGRAM_HOSTS = ['t.me', 'telegram.dog', 'telegram.me'] as const;

/** URL shorteners and redirectors: the reader cannot see where the link goes. */
export const SHORTENER_HOSTS = [
  'adf.ly',
  'bit.do',
  'bit.ly',
  'bitly.com',
  'bl.ink',
  'buff.ly',
  'clck.ru',
  'cutt.ly',
  'gg.gg',
  'goo.gl',
  'is.gd',
  'lnkd.in',
  'ow.ly',
  'rb.gy',
  'rebrand.ly',
  's.id',
  'shorte.st',
  'shorturl.at',
  'surl.li',
  't.co',
  't.ly',
  'tiny.cc',
  'tinyurl.com',
  'tr.im',
  'u.to',
  'urlz.fr',
  'v.gd',
  'vk.cc',
  'x.co',
] as const;

/**
 * File lockers, cloud drives and archives where files are parked and re-linked. Some are
 * defunct (anonfiles, zippyshare) but stay listed because old posts are re-shared.
 */
export const FILE_HOSTS = [
  '1drv.ms',
  '1fichier.com',
  '4shared.com',
  'anonfile.com',
  'anonfiles.com',
  'archive.org',
  'archive.ph',
  'archive.today',
  'bayfiles.com',
  'box.com',
  'catbox.moe',
  'cloud.mail.ru',
  'disk.yandex.com',
  'disk.yandex.ru',
  'docs.google.com',
  'drive.google.com',
  'dropbox.com',
  'dropboxusercontent.com',
  'file.io',
  'filemail.com',
  'files.fm',
  'gofile.io',
  'justpaste.it',
  'krakenfiles.com',
  'mediafire.com',
  'mega.co.nz',
  'mega.io',
  'mega.nz',
  'onedrive.live.com',
  'pcloud.com',
  'pixeldrain.com',
  'sendspace.com',
  'terabox.com',
  'top4top.io',
  'transfer.sh',
  'ufile.io',
  'upload.ee',
  'uptobox.com',
  'we.tl',
  'wetransfer.com',
  'workupload.com',
  'zippyshare.com',
] as const;

/** Paste and quick-publishing sites: text (often lists of mirror links) without an account. */
export const PASTE_HOSTS = [
  'controlc.com',
  'dpaste.org',
  'ghostbin.com',
  'graph.org',
  'hastebin.com',
  'justpaste.it',
  'notes.io',
  'paste.ee',
  'pastebin.com',
  'pastelink.net',
  'privatebin.net',
  'rentry.co',
  'rentry.org',
  'telegra.ph',
  'txt.fyi',
  'write.as',
] as const;

/** True when `host` is `entry` or a subdomain of it, for any entry of the set. */
export function hostIn(host: string, entries: ReadonlySet<string>): boolean {
  let h = host;
  for (;;) {
    if (entries.has(h)) return true;
    const dot = h.indexOf('.');
    if (dot < 0) return false;
    h = h.slice(dot + 1);
  }
}

export const TELEGRAM_SET: ReadonlySet<string> = new Set(TELEGRAM_HOSTS);
export const SHORTENER_SET: ReadonlySet<string> = new Set(SHORTENER_HOSTS);
export const FILE_HOST_SET: ReadonlySet<string> = new Set(FILE_HOSTS);
export const PASTE_SET: ReadonlySet<string> = new Set(PASTE_HOSTS);

/** Every listed host: such a host is a link even written bare with a word-like TLD (`files.fm`). */
export const KNOWN_HOST_SET: ReadonlySet<string> = new Set([
  ...TELEGRAM_HOSTS,
  ...SHORTENER_HOSTS,
  ...FILE_HOSTS,
  ...PASTE_HOSTS,
]);

/** Country-code TLDs (ISO 3166-1 alpha-2 in use as TLDs, plus ac, eu, su, uk). */
const CC_TLDS = (
  'ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz ' +
  'ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk ' +
  'fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir ' +
  'is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ' +
  'ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl ' +
  'pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc ' +
  'td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw'
).split(' ');

/** Generic TLDs common enough to be worth finding in running text. */
const GENERIC_TLDS = (
  'agency app art asia biz blog center click cloud club com company digital download edu email fun gov group ' +
  'guru icu info int life link live loan ltd media mil mobi moe mov name net network news one online org page ' +
  'pro rocks services shop site space store stream support tech tel today tools top travel tube video vip ' +
  'website win work world wtf xyz zip zone'
).split(' ');

/** TLDs a bare domain (no scheme, no `www.`) may end in. */
export const KNOWN_TLDS: ReadonlySet<string> = new Set([...CC_TLDS, ...GENERIC_TLDS]);

/**
 * TLDs that are also everyday words or file extensions (`it`, `me`, `today`, `main.rs`,
 * `notes.md`, `photos.zip`): a bare domain ending in one needs a path, port or query after it,
 * or a listed host, before it counts. Sentences typed without a space after the full stop
 * ("done.Today") and file names would otherwise read as links.
 */
export const WORDLIKE_TLDS: ReadonlySet<string> = new Set(
  (
    'ai am as at be by cc cv do id im in is it la md me mk mm ms my no pl pm py re rs sc sh so st to us ' +
    'app art blog center click cloud club company download email fun group guru life link live loan media mov ' +
    'name network news one page pro rocks services shop site space store stream support tel today tools travel ' +
    'tube video win work world zip zone'
  ).split(' '),
);
