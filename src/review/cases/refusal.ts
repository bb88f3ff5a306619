/**
 * Why a reviewer's command was turned down. Commands return this instead of throwing so the
 * HTTP edge can choose the status (403 for who, 409 for when) and the CLI can print it.
 */
export type RefusalCode =
  | 'CASE_CLOSED'
  | 'CASE_NOT_DECIDED'
  | 'CLAIMED_BY_OTHER'
  | 'NOT_CLAIM_HOLDER'
  | 'BARRED_AFTER_APPEAL'
  | 'WELLBEING_CAP'
  | 'BANK_ADD_NEEDS_REMOVAL'
  | 'BANK_ADD_UNKNOWN'
  | 'BANK_ADD_DONE'
  | 'SAME_REVIEWER';

export type CommandResult<E> = { ok: true; event: E } | { ok: false; code: RefusalCode; detail: string };

export function refuse(code: RefusalCode, detail: string): { ok: false; code: RefusalCode; detail: string } {
  return { ok: false, code, detail };
}
