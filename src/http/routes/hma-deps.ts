import type { AppContext } from '../../app/index.js';
import type { MediaBanks } from '../../app/media-banks.js';
import type { FetchPolicy } from './hma-fetch.js';

/** HMA's three roles; a server plays the ones listed in `hma.roles`. */
export const HMA_ROLES = ['hasher', 'matcher', 'curator'] as const;
export type HmaRole = (typeof HMA_ROLES)[number];

/** What the HMA route groups share. */
export interface HmaDeps {
  ctx: AppContext;
  banks: MediaBanks;
  roles: ReadonlySet<HmaRole>;
  fetch: FetchPolicy;
  /** Largest upload, and largest fetched file. */
  maxMediaBytes: number;
}
