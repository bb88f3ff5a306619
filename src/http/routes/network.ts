import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/index.js';
import { AppError } from '../../core/index.js';
import { requirePrincipal } from '../access.js';
import type { CommandMeta } from '../openapi.js';
import { JSON_MEDIA_TYPE } from '../route.js';
import { parseInput } from './case-command.js';
import {
  beaconsView,
  campaignsView,
  closureBody,
  closureView,
  graphQuery,
  graphView,
  lineageQuery,
  lineageView,
  trendsQuery,
  trendsView,
} from './network-schemas.js';

/**
 * The channel network over HTTP (issue 7): the graph around a chat, successor candidates of
 * closed chats, beacons, campaigns and tactic trends, read from `ctx.network`, which the app
 * keeps up to date per scanned item; and recording a closure by hand. Every answer waits for
 * the network's first load, so an early caller never sees a half-built graph.
 */

export function registerNetworkRoutes(app: FastifyInstance, ctx: AppContext): void {
  const network = ctx.network;

  app.get('/api/network/graph', async (request, reply) => {
    const query = parseInput(graphQuery, request.query, '/query');
    await network.ready();
    reply.type(JSON_MEDIA_TYPE);
    return network.neighbourhood(query.node, query.depth, query.kinds);
  });

  app.get('/api/network/lineage', async (request, reply) => {
    const { chat, limit } = parseInput(lineageQuery, request.query, '/query');
    await network.ready();
    reply.type(JSON_MEDIA_TYPE);
    if (chat === undefined) return { closures: network.closures() };
    // Any way of naming a chat the graph knows: node id, chat id, @handle, t.me link.
    const id = network.graph.resolve(chat);
    const node = id === undefined ? undefined : network.graph.node(id);
    if (node === undefined) {
      throw new AppError('NOT_FOUND', { detail: `no chat "${chat}" in the network`, pointer: '/query/chat' });
    }
    return { node, successors: network.successors(node.id, limit), predecessors: network.predecessors(node.id, limit) };
  });

  app.get('/api/network/beacons', async (_request, reply) => {
    await network.ready();
    reply.type(JSON_MEDIA_TYPE);
    return { findings: network.beacons() };
  });

  app.get('/api/network/campaigns', async (_request, reply) => {
    await network.ready();
    reply.type(JSON_MEDIA_TYPE);
    return { campaigns: network.campaigns() };
  });

  app.get('/api/network/trends', async (request, reply) => {
    const query = parseInput(trendsQuery, request.query, '/query');
    await network.ready();
    reply.type(JSON_MEDIA_TYPE);
    return network.trends(query);
  });

  app.post('/api/network/closures', async (request, reply) => {
    const body = parseInput(closureBody, request.body, '/body');
    const by = requirePrincipal(request).actor;
    await network.ready();
    const result = await network.close({
      platform: body.platform,
      chat: body.chat,
      source: 'manual',
      by,
      ...(body.at !== undefined && { at: body.at }),
      ...(body.note !== undefined && { note: body.note }),
    });
    reply.code(201).type(JSON_MEDIA_TYPE);
    return result;
  });
}

const READ_NOTE = 'Structure only: ids, handles, titles, counts and times, never post text.';

/** The routes above, for the OpenAPI document (`routes/openapi.ts` lists them with the other commands). */
export const NETWORK_OPERATIONS: readonly CommandMeta[] = [
  {
    method: 'GET',
    url: '/api/network/graph',
    summary: 'The channel graph around a chat, up to three hops, optionally only some edge kinds',
    description: READ_NOTE,
    tags: ['network'],
    query: graphQuery,
    response: graphView,
  },
  {
    method: 'GET',
    url: '/api/network/lineage',
    summary: 'Successor and predecessor candidates of a chat, or every closed chat with its candidates',
    description: `Each candidate has a 0..1 score and the reasons it scored. ${READ_NOTE}`,
    tags: ['network'],
    query: lineageQuery,
    response: lineageView,
    errors: { '404': 'The network holds no such chat' },
  },
  {
    method: 'GET',
    url: '/api/network/beacons',
    summary: 'Beacon chats (mostly invite links or redirections) and backup announcers',
    tags: ['network'],
    response: beaconsView,
  },
  {
    method: 'GET',
    url: '/api/network/campaigns',
    summary: 'The same media or text pushed to many chats within minutes: members, first poster, spread',
    tags: ['network'],
    response: campaignsView,
  },
  {
    method: 'GET',
    url: '/api/network/trends',
    summary: 'Evasion tactics over time, creation bursts and surges near significant dates (Gregorian and Hijri)',
    tags: ['network'],
    query: trendsQuery,
    response: trendsView,
  },
  {
    method: 'POST',
    url: '/api/network/closures',
    summary: 'Records that a chat was closed, so its successors are looked for; answers 201',
    tags: ['network'],
    body: closureBody,
    response: closureView,
  },
];
