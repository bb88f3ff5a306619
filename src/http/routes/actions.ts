import { defineRoute } from '../route.js';
import { actionListQuerySchema, actionPageSchema } from '../schemas/index.js';

/** `GET /v1/actions`: the outbox of requested takedowns and referrals, read-only for now. */
export const listActionsRoute = defineRoute({
  method: 'GET',
  url: '/v1/actions',
  summary: 'List requested actions',
  tags: ['actions'],
  query: actionListQuerySchema,
  response: actionPageSchema,
  handle: ({ ctx, query }) => ctx.store.listActions(query),
});
