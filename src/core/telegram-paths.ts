/**
 * First path segments of t.me links that are Telegram's own pages, not chat names: a link
 * classifier and a watch list must both refuse to read `t.me/joinchat` or `t.me/addstickers` as a
 * channel called so.
 */
export const TELEGRAM_RESERVED_PATHS: ReadonlySet<string> = new Set([
  'addemoji',
  'addlist',
  'addstickers',
  'addtheme',
  'bg',
  'boost',
  'confirmphone',
  'contact',
  'giftcode',
  'invoice',
  'iv',
  'joinchat',
  'login',
  'm',
  'proxy',
  'setlanguage',
  'share',
  'socks',
]);
