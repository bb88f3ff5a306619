import { AppError } from '../../core/index.js';
import { defineRoute } from '../route.js';
import {
  channelEventListSchema,
  channelEventsQuerySchema,
  channelListQuerySchema,
  channelPageSchema,
  channelParamsSchema,
  channelSummarySchema,
} from '../schemas/index.js';

/** Chats Rasd has seen, with item counts, and the service events (renames, pins) seen in them. */

export const listChannelsRoute = defineRoute({
  method: 'GET',
  url: '/v1/channels',
  summary: 'List channels',
  tags: ['channels'],
  query: channelListQuerySchema,
  response: channelPageSchema,
  handle: ({ ctx, query }) => ctx.store.listChannels(query.limit, query.cursor),
});

export const getChannelRoute = defineRoute({
  method: 'GET',
  url: '/v1/channels/:platform/:id',
  summary: 'Get one channel with its counts',
  tags: ['channels'],
  params: channelParamsSchema,
  response: channelSummarySchema,
  handle: async ({ ctx, params }) => {
    const channel = await ctx.store.getChannel(params.platform, params.id);
    if (channel === undefined) {
      throw new AppError('NOT_FOUND', {
        detail: `no ${params.platform} channel with id "${params.id}"`,
        pointer: '/params/id',
      });
    }
    return channel;
  },
});

export const listChannelEventsRoute = defineRoute({
  method: 'GET',
  url: '/v1/channels/:platform/:id/events',
  summary: 'List the service events of one channel',
  description: 'Renames, pins, joins and migrations, newest first, up to `limit`.',
  tags: ['channels'],
  params: channelParamsSchema,
  query: channelEventsQuerySchema,
  response: channelEventListSchema,
  handle: async ({ ctx, params, query }) => ({
    rows: await ctx.store.listChannelEvents(params.platform, params.id, query.limit),
  }),
});
