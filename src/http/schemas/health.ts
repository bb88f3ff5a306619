import { z } from 'zod';

/** Liveness plus a cheap database round trip; a failing database answers 503 problem JSON. */
export const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  db: z.literal('ok'),
});
