/** Where a value is in a document: object keys and array indices from the root. */
export type JsonKey = string | number;
export type JsonPath = readonly JsonKey[];

/** `/chats/list/3/messages/17`: where a value is, in JSON Pointer form. */
export function toPointer(path: JsonPath): string {
  return path.map((k) => `/${String(k).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
