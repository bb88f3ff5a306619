import { defineRoute } from '../route.js';
import { caseListQuerySchema, casePageSchema } from '../schemas/index.js';

/** `GET /v1/cases`: review cases, read-only until the review room exists. */
export const listCasesRoute = defineRoute({
  method: 'GET',
  url: '/v1/cases',
  summary: 'List review cases',
  tags: ['cases'],
  query: caseListQuerySchema,
  response: casePageSchema,
  handle: ({ ctx, query }) => ctx.store.listCases(query),
});
