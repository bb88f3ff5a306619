import type { Config } from '../config/index.js';
import type { SignalProvider } from '../scan/index.js';
import { mediaTextProvider, type TextProviders } from '../scan/providers/media-text.js';

/**
 * Text inside media, read with the limits from config (`mediaText.*`) and put through the text
 * path's own normaliser and providers. `textPath` is asked for at scan time because this
 * provider is itself registered in that path.
 */
export function createMediaTextProvider(config: Config, textPath: () => TextProviders): SignalProvider {
  return mediaTextProvider({ ...config.mediaText, textPath });
}
