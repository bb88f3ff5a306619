import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARABIC_TITLE,
  CAMPAIGN_CHATS,
  CLOSED_AT,
  CLOSED_CHAT,
  NETWORK_ITEMS,
  SUCCESSOR_CHAT,
} from '../../http/fixtures/network-items.js';
import { cliDatabase } from '../testing/cli-database.js';
import { commandRunner } from './command-runner.js';
import { registerNetworkBeacons } from './network-beacons.js';
import { registerNetworkCampaigns } from './network-campaigns.js';
import { registerNetworkClose } from './network-close.js';
import { registerNetworkGraph } from './network-graph.js';
import { registerNetworkLineage } from './network-lineage.js';
import { registerNetworkTrends } from './network-trends.js';
import { registerScan } from './scan.js';

/**
 * `rasd network lineage|beacons|campaigns|trends|close|graph`, in-process, on a SQLite file (or
 * PostgreSQL database) the real scan filled with a small structure-only network
 * (`http/fixtures/network-items.ts`).
 */

const dir = mkdtempSync(join(tmpdir(), 'rasd-network-cmd-'));
let db: string;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function registerNetwork(program: Command): void {
  const group = program.command('network');
  for (const register of [
    registerNetworkLineage,
    registerNetworkBeacons,
    registerNetworkCampaigns,
    registerNetworkTrends,
    registerNetworkClose,
    registerNetworkGraph,
  ]) {
    register(group);
  }
}

const rasd = commandRunner(registerScan, registerNetwork);
const network = (...args: string[]) => rasd(['network', ...args, '--db', db]);

beforeAll(async () => {
  db = await cliDatabase(join(dir, 'network.db'));
  const file = join(dir, 'items.jsonl');
  writeFileSync(file, `${NETWORK_ITEMS.map((i) => JSON.stringify(i)).join('\n')}\n`);
  await rasd(['scan', file, '--db', db, '--no-progress', '--json']);
});

describe('rasd network', () => {
  it('prints the graph as tables, and as JSON narrowed by edge kind', async () => {
    const table = await network('graph', '--depth', '2', '--node', CLOSED_CHAT);
    const [nodes, edges] = table.split('\n\n') as [string, string];
    expect(nodes.split('\n')[0]).toBe('node\tkind\tposts\tclosed\tfirst seen\tlast seen');
    expect(nodes).toContain(`chat:${CLOSED_CHAT} @nashir_news\tchannel\t5\t`);
    // A forward points from the chat that reposted to the chat it reposted from.
    expect(edges).toMatch(/chat:-1001\tchat:-1002\tforward\t3\t/);

    const all = JSON.parse(await network('graph', '--json')) as { nodes: { title?: string }[]; edges: unknown[] };
    expect(all.nodes.map((n) => n.title)).toContain(ARABIC_TITLE);
    const mentions = JSON.parse(await network('graph', '--json', '--kinds', 'mention')) as {
      edges: { kind: string }[];
    };
    expect(mentions.edges.length).toBeGreaterThan(0);
    expect(mentions.edges.length).toBeLessThan(all.edges.length);
    expect(new Set(mentions.edges.map((e) => e.kind))).toEqual(new Set(['mention']));
    await expect(network('graph', '--kinds', 'gossip')).rejects.toThrow(/unknown edge kind gossip/);
    await expect(network('graph', '--depth', '9')).rejects.toThrow(/--depth must be 1, 2 or 3/);
  });

  it('records a closure once, then lists the successor with its score and reasons', async () => {
    const first = await network('close', CLOSED_CHAT, '--at', CLOSED_AT, '--note', 'seen gone');
    expect(first).toBe(`chat:${CLOSED_CHAT}\tclosure recorded\n`);
    expect(await network('close', CLOSED_CHAT, '--at', CLOSED_AT)).toBe(`chat:${CLOSED_CHAT}\tclosed already\n`);
    await expect(network('close', CLOSED_CHAT, '--at', 'last week')).rejects.toThrow(/--at must be an ISO time/);

    const lines = (await network('lineage', CLOSED_CHAT)).trimEnd().split('\n');
    expect(lines[0]).toBe('direction\tclosed\tcandidate\tscore\treasons');
    const [direction, closed, candidate, score, reasons] = (lines[1] ?? '').split('\t');
    expect([direction, closed, candidate]).toEqual(['successor', `chat:${CLOSED_CHAT}`, `chat:${SUCCESSOR_CHAT}`]);
    expect(Number(score)).toBeGreaterThan(0);
    expect(reasons).toMatch(/name \d\.\d\d: /);

    await expect(network('lineage', '-999')).rejects.toThrow(/no chat "-999"/);

    const every = JSON.parse(await network('lineage', '--json')) as { closures: { node: { id: string } }[] };
    expect(every.closures.map((c) => c.node.id)).toEqual([`chat:${CLOSED_CHAT}`]);
  });

  it('imports a closure list, recording the good lines and naming the bad ones', async () => {
    const file = join(dir, 'closures.jsonl');
    const lines = [
      JSON.stringify({ chat: '-1004', at: '2026-11-20T08:00:00Z', note: 'platform list' }),
      '{not json',
      JSON.stringify({ chat: '-1002' }),
      JSON.stringify({ chat: '-1004', at: '2026-11-20T08:00:00Z' }),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const result = JSON.parse(await network('close', '--file', file, '--json')) as {
      closures: { line: number; node?: string; recorded: boolean }[];
      errors: { line: number; error: string }[];
    };
    process.exitCode = undefined;
    expect(result.closures).toEqual([
      { line: 1, chat: '-1004', node: 'chat:-1004', recorded: true },
      { line: 4, chat: '-1004', node: 'chat:-1004', recorded: false },
    ]);
    expect(result.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(result.errors[1]?.error).toMatch(/^at: /);
    const every = JSON.parse(await network('lineage', '--json')) as { closures: { node: { id: string } }[] };
    expect(every.closures.map((c) => c.node.id)).toContain('chat:-1004');
  });

  it('lists beacons, campaigns and trends, as tables and as JSON', async () => {
    const beacons = await network('beacons');
    expect(beacons.split('\n')[0]).toBe('node\tkind\tshare\tposts\ttargets');
    expect(beacons).toMatch(/^chat:-1004\tbeacon\t1\.00\t6\t/m);
    const campaigns = JSON.parse(await network('campaigns', '--json')) as { campaigns: { members: string[] }[] };
    expect(campaigns.campaigns.map((c) => c.members)).toEqual([CAMPAIGN_CHATS.map((id) => `chat:${id}`)]);
    const trends = JSON.parse(await network('trends', '--json', '--by', 'org', '--from', '2026-11-01')) as object;
    expect(Object.keys(trends).sort()).toEqual(['bursts', 'dates', 'rows', 'surges']);
    expect(await network('trends')).toContain('event\tday\thijri\tcount\tbaseline\tnear');
    await expect(network('trends', '--by', 'colour')).rejects.toThrow(/--by must be org, language or none/);
  });
});
