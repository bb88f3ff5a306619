import { z } from 'zod';

/**
 * The channel network (`app/channel-network.ts`, issue 7). Config-file keys only. The detector
 * settings are optional: unset, the analysis room's tuned defaults apply
 * (`analysis/network-settings.ts`), so a retune there reaches every deployment that did not
 * choose its own value. Ranges match the ones the analysis checks.
 */
const significantDateSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    month: z.coerce.number().int().min(1).max(12),
    day: z.coerce.number().int().min(1).max(31),
    calendar: z.enum(['hijri', 'gregorian']),
  })
  .strict();

export const networkSchema = z
  .object({
    campaignMinChats: z.coerce.number().int().min(2).max(100_000).optional(),
    campaignWindowMinutes: z.coerce.number().min(0.1).max(525_600).optional(),
    beaconMinPosts: z.coerce.number().int().min(1).max(1_000_000).optional(),
    beaconMinShare: z.coerce.number().min(0).max(1).optional(),
    lineageMinScore: z.coerce.number().min(0).max(1).optional(),
    lineageWindowDays: z.coerce.number().min(0.01).max(3650).optional(),
    /**
     * Live: every scan updates the network and raises likely successors of closed chats (the
     * `lineage` signal). Off: scans skip both (the network then costs the scan nothing) and the
     * network is built from the stored items when the API, the CLI or the dashboard asks for it.
     */
    live: z.boolean().default(true),
    /** Stored items replayed into the in-memory network at start, oldest first; 0 starts empty. */
    maxItemsAtStart: z.coerce.number().int().min(0).max(100_000_000).default(2_000_000),
    /** Anniversaries a deployment adds to the built-in Islamic dates for surge detection. */
    significantDates: z.array(significantDateSchema).max(200).default([]),
  })
  .strict()
  .prefault({});

export type NetworkConfig = z.infer<typeof networkSchema>;
