/**
 * Exchange labels that the bank has no column for (TAT `ideology` and `file_type`,
 * ThreatExchange `tags` and `status`, the pytx opinion) are kept at the start of the entry's
 * note as `key=value` words, e.g. `ideology=far-right file_type=mp4 seen in partner list`.
 * That keeps them in the store without a schema change, readable by a person, and lets an
 * export write them back into the exchange's own fields. Values never hold spaces; lists are
 * comma-joined.
 */

export type Labels = [key: string, value: string][];

export interface NoteParts {
  labels: Labels;
  /** The free text after the labels, verbatim. */
  text: string;
}

/** HMA's note limit, which the bank store enforces too. */
export const MAX_NOTE_CHARS = 255;

// A label is followed by one space and more text, or by the end: a trailing space stays text.
const LABEL = /^([a-z][a-z0-9_]*)=(\S+)(?: (?=\S)|$)/;

export function parseNote(note: string | undefined): NoteParts {
  const labels: Labels = [];
  let rest = note ?? '';
  for (let m = LABEL.exec(rest); m; m = LABEL.exec(rest)) {
    labels.push([m[1] as string, m[2] as string]);
    rest = rest.slice(m[0].length);
  }
  return { labels, text: rest };
}

/** A value fit for a label: whitespace (and commas, for list items) become `_`; empty is none. */
export function labelValue(value: unknown, listItem = false): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const v = String(value)
    .trim()
    .replace(listItem ? /[\s,]+/g : /\s+/g, '_');
  return v === '' ? undefined : v;
}

export function labelOf(labels: Labels, key: string): string | undefined {
  return labels.find(([k]) => k === key)?.[1];
}

/**
 * The note with `updates` merged into its labels: a key already there keeps its place and
 * takes the new value, new keys follow in the given order, an undefined value leaves the key
 * as it was. Longer than HMA's 255 characters, the note is cut with `…`.
 */
export function withLabels(
  note: string | undefined,
  updates: readonly [string, string | undefined][],
  text?: string,
): string | undefined {
  const parts = parseNote(note);
  for (const [key, value] of updates) {
    if (value === undefined) continue;
    const at = parts.labels.findIndex(([k]) => k === key);
    if (at === -1) parts.labels.push([key, value]);
    else parts.labels[at] = [key, value];
  }
  return formatNote({ labels: parts.labels, text: text ?? parts.text });
}

export function formatNote(parts: NoteParts): string | undefined {
  const head = parts.labels.map(([k, v]) => `${k}=${v}`).join(' ');
  // Leading blanks after labels would stop the labels being read back, so they go.
  const text = head === '' ? parts.text : parts.text.trimStart();
  const note = head !== '' && text !== '' ? `${head} ${text}` : head || text;
  if (note === '') return undefined;
  return note.length > MAX_NOTE_CHARS ? `${note.slice(0, MAX_NOTE_CHARS - 1)}…` : note;
}
