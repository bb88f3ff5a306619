import type { Role } from '../core/role.js';
import type { Page } from './ports.js';

/**
 * People and machines that may use Rasd, their web sessions, and the audit log. Secrets never
 * reach the store in the clear: passwords as scrypt hashes, API keys and session ids as
 * SHA-256 (see `review/`). The audit log is append-only and hash-chained; the store only keeps
 * the chain in order, the hashing is the review room's (`review/audit-chain.ts`).
 */

export interface NewUser {
  name: string;
  role: Role;
  /** `review/passwords.ts` format; never the password. */
  passwordHash: string;
  /** Partners only: the platforms whose referral batches it may read (`telegram`). */
  partner?: string[];
}

export interface User {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  disabled: boolean;
  /** Partners only: the platforms whose referral batches it may read (`telegram`). */
  partner?: string[];
}

export interface UserWithSecret extends User {
  passwordHash: string;
}

export interface NewApiKey {
  id: string;
  name: string;
  role: Role;
  keyHash: string;
  /** Partners only: the platforms whose referral batches it may read (`telegram`). */
  partner?: string[];
}

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt?: string;
  /** Partners only: the platforms whose referral batches it may read (`telegram`). */
  partner?: string[];
}

export interface NewSession {
  idHash: string;
  userId: string;
  expiresAt: string;
}

export interface PeopleStore {
  /** INPUT_INVALID for a name that exists already, and for `partner` on a role other than partner. */
  createUser(user: NewUser): Promise<User>;
  getUserByName(name: string): Promise<UserWithSecret | undefined>;
  createApiKey(key: NewApiKey): Promise<ApiKey>;
  findApiKey(keyHash: string): Promise<ApiKey | undefined>;
  /** NOT_FOUND for an unknown id; revoking twice keeps the first time. */
  revokeApiKey(id: string): Promise<ApiKey>;
  createSession(session: NewSession): Promise<void>;
  /** The session's user, when the session exists, has not expired at `now` and the user is enabled. */
  findSessionUser(idHash: string, now: string): Promise<User | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** True once any user or unrevoked API key exists: the server then asks everyone for credentials. */
  hasPrincipals(): Promise<boolean>;
}

/** One audit entry as stored; `review/audit-chain.ts` says how `hash` is computed. */
export interface AuditEntry {
  /** 1, 2, 3, … without gaps. */
  seq: number;
  at: string;
  /** Who: `user:NAME`, `key:ID`, `token`, `cli:OS-USER`, or the name a failed login claimed. */
  actor: string;
  /** What: `login.success`, `bank.create`, `user.create`, … */
  action: string;
  /** What it was done to: a bank name, a user name, a key id; empty when nothing. */
  target: string;
  /** Why: the reason given, or what the change was for. */
  reason: string;
  /** Further facts as a flat JSON object (ids, counts, flags); never secrets or content. */
  details: Record<string, string | number | boolean | null>;
  prevHash: string;
  hash: string;
}

/** The newest entry's position and hash, what the next entry chains to. */
export interface AuditTip {
  seq: number;
  hash: string;
}

export interface AuditStore {
  /**
   * Appends one entry atomically: `seal` gets the current tip (undefined for an empty log) and
   * returns the complete entry, inside the same write transaction, so two writers cannot fork
   * the chain. Returns what was stored.
   */
  appendAudit(seal: (tip: AuditTip | undefined) => AuditEntry): Promise<AuditEntry>;
  /** Entries in chain order (oldest first), paged. */
  listAudit(query: { limit: number; cursor?: string }): Promise<Page<AuditEntry>>;
  /** The newest entry with this action, if any (the last `setting.change`, say). */
  lastAudit(action: string): Promise<AuditEntry | undefined>;
}
