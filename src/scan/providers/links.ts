import type { Signal } from '../../core/index.js';
import { extractLinks, LINKS_VERSION, linkSignals } from '../../detect/text/links/index.js';
import type { ScanInput, SignalProvider } from '../provider.js';

/**
 * Link tactics: hidden text-links, disguised urls, shorteners, file lockers and paste sites,
 * Telegram invites. Reads the text and the item's entities itself (rather than `input.links`)
 * because it needs the visible text of each text-link to tell a hidden target from a plain one.
 */
export const linksProvider: SignalProvider = {
  id: 'links',
  kinds: ['link'],
  version: LINKS_VERSION,
  provide: (input: ScanInput): Signal[] =>
    linkSignals([...(input.foundLinks?.() ?? extractLinks(input.text, input.item.entities))], LINKS_VERSION),
};
