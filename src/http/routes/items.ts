import { AppError } from '../../core/index.js';
import { defineRoute } from '../route.js';
import { itemDetailSchema, itemKeyParamsSchema, itemListQuerySchema, itemPageSchema } from '../schemas/index.js';

/** Items, newest first by when they were posted. */

export const listItemsRoute = defineRoute({
  method: 'GET',
  url: '/v1/items',
  summary: 'List items',
  description:
    'Newest first by posting time. Filters combine with AND; `from` is inclusive, `to` exclusive. ' +
    'Pass `next` from a page as `cursor` to get the following page.',
  tags: ['items'],
  query: itemListQuerySchema,
  response: itemPageSchema,
  handle: ({ ctx, query }) => ctx.store.listItems(query),
});

export const getItemRoute = defineRoute({
  method: 'GET',
  url: '/v1/items/:key',
  summary: 'Get one item version and its assessment',
  description:
    'Item keys contain slashes (`telegram/-100123/45/0`), so the key is sent as one path ' +
    'segment encoded with `encodeURIComponent`: `/v1/items/telegram%2F-100123%2F45%2F0`. ' +
    '`assessment` is null when the item has not been assessed.',
  tags: ['items'],
  params: itemKeyParamsSchema,
  response: itemDetailSchema,
  handle: async ({ ctx, params }) => {
    const [item, assessment] = await Promise.all([ctx.store.getItem(params.key), ctx.store.getAssessment(params.key)]);
    if (item === undefined) {
      throw new AppError('NOT_FOUND', { detail: `no item with key "${params.key}"`, pointer: '/params/key' });
    }
    return { item, assessment: assessment ?? null };
  },
});
