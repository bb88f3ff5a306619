/** A small re-encoded copy of an item's image, kept so review does not depend on the export folder. */
export interface MediaPreview {
  itemKey: string;
  /** The index of the media in `Item.media`. */
  mediaIndex: number;
  mime: string;
  width: number;
  height: number;
  bytes: Uint8Array;
  createdAt: string;
}

export interface MediaPreviewStore {
  /** Idempotent per (item, index): a rescan or a retried batch keeps the first copy. */
  saveMediaPreviews(previews: readonly MediaPreview[]): Promise<void>;
  getMediaPreview(itemKey: string, mediaIndex: number): Promise<MediaPreview | undefined>;
  /** Which media indexes of an item have a preview, ascending. */
  listMediaPreviewIndexes(itemKey: string): Promise<number[]>;
}
