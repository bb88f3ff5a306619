import { randomUUID } from 'node:crypto';

/** Random, sortable-enough ids for records Rasd creates itself (cases, actions, scan runs). */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}
