import type { Item, Signal, SignalKind } from '../core/index.js';
import type { Link } from '../detect/text/links/index.js';
import type { Normalized } from '../detect/text/normalize/index.js';

/**
 * A SignalProvider looks at one item and says what it sees. It never decides: the policy does.
 *
 * Confused about where to start? Copy `providers/test-marker.ts`: one id, the kinds it emits,
 * a version that lands in every Signal, and a `provide` that returns signals. Return a plain
 * array when you can answer synchronously (lexicons, hashes in memory); return a Promise only
 * when you must wait (OCR, a remote model), because the pipeline stays synchronous otherwise.
 */
export interface SignalProvider {
  readonly id: string;
  readonly kinds: readonly SignalKind[];
  readonly version: string;
  provide(input: ScanInput): Signal[] | Promise<Signal[]>;
}

/** The canonical form of a text, the way back to original offsets, and the tactics undone. */
export type NormalizedText = Normalized;

/** What providers see: the item, the text Rasd extracted from it, and its normalised form. */
export interface ScanInput {
  item: Item;
  /** Message text and caption: offsets in signals point into this string. */
  text: string;
  /** Link targets, including hidden `text_link` targets and inline-button urls. */
  links: string[];
  /** Computed once per item and shared, because every text provider needs it. */
  normalized: NormalizedText;
  /**
   * Every link in the text and entities (`extractLinks`), found on first call and shared: the
   * link tactics and the channel network both need them, and finding them is not free.
   * Absent on inputs built by hand (text read from media): call `extractLinks` then.
   */
  foundLinks?: () => readonly Link[];
  /**
   * The folder the item's relative media paths are relative to (a Telegram export's folder),
   * when the item came from one. Absent: relative paths are read from the process's folder.
   */
  mediaRoot?: string;
}

/** What the source of an item knows that the item itself does not. */
export interface ScanContext {
  mediaRoot?: string;
}
