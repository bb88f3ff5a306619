/** Byte classes the scanner tests with one lookup each. */

export const WHITESPACE = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) WHITESPACE[c] = 1;
/** Bytes a bare scalar (number, true, false, null) can be made of. */
export const SCALAR = new Uint8Array(256);
for (const c of Buffer.from('0123456789+-.eEabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')) SCALAR[c] = 1;
export const VALUE_START = new Uint8Array(256);
for (const c of Buffer.from('{["-0123456789tfn')) VALUE_START[c] = 1;

export const BOM = [0xef, 0xbb, 0xbf];

/** A byte for an error message: itself when printable ASCII, else hex. */
export function describeByte(c: number): string {
  return c >= 0x21 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `0x${c.toString(16).padStart(2, '0')}`;
}
