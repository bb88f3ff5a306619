/**
 * A Bank is a named list of known content (hashes, texts, urls) with provenance and labels.
 * Names are stable keys that partners exchange, so they are upper-case identifiers.
 */
export const BANK_NAME_PATTERN = /^[A-Z0-9_]+$/;

export const BANK_SIGNAL_TYPES = [
  'pdq',
  'md5',
  'sha256',
  'vpdq',
  'tmk',
  'text-minhash',
  'url',
  'audio-fingerprint',
] as const;
export type BankSignalType = (typeof BANK_SIGNAL_TYPES)[number];

export interface Bank {
  name: string;
  description: string;
  enabled: boolean;
  createdAt: string;
}

export interface BankEntry {
  bank: string;
  signalType: BankSignalType;
  value: string;
  org?: string;
  category?: string;
  source: string;
  addedBy: string;
  addedAt: string;
}

export function isBankName(name: string): boolean {
  return BANK_NAME_PATTERN.test(name);
}
