/**
 * Who a person or machine is to Rasd. Admins manage people, keys, banks and settings; analysts
 * read everything and use the matcher; reviewers read and decide cases; partners are read-only
 * and see only their own referrals. Here, in core, because storage checks stored roles too.
 */
export const ROLES = ['admin', 'analyst', 'reviewer', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
