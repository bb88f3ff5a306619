import { invalidInput, type Role } from '../core/index.js';

/** The `--partner` flag of `rasd user add` and `rasd apikey create`. */
export const PARTNER_FLAG = [
  '--partner <platforms>',
  'partner role only, and required with it: the platform(s) it represents, comma-separated (e.g. telegram)',
] as const;

/**
 * A partner reads only the referrals of the platforms it names, so one without them would be
 * useless, and staff with them would be misleading: both are refused before anything is asked
 * or written. Platform names themselves are checked by the store.
 */
export function partnerPlatforms(role: Role, partner: string | undefined): string[] | undefined {
  if (role === 'partner' && partner === undefined) {
    throw invalidInput(
      '--role partner needs --partner PLATFORM (e.g. --partner telegram): the platforms whose referrals it may read',
      'partner',
    );
  }
  if (partner === undefined) return undefined;
  if (role !== 'partner') throw invalidInput(`--partner is only for --role partner, not --role ${role}`, 'partner');
  return partner
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
