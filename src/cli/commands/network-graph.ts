import type { Command } from 'commander';
import {
  EDGE_KINDS,
  type EdgeKind,
  type NetworkFlags,
  nodeLabel,
  parseDepth,
  printJson,
  printTable,
  withNetwork,
} from './network-output.js';

interface GraphFlags extends NetworkFlags {
  node?: string;
  depth: number;
  kinds?: string;
}

function parseKinds(value: string | undefined): EdgeKind[] | undefined {
  if (value === undefined) return undefined;
  const kinds = value.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !(EDGE_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0)
    throw new Error(`--kinds: unknown edge kind ${unknown.join(', ')}; use ${EDGE_KINDS.join(', ')}`);
  return kinds as EdgeKind[];
}

/** `rasd network graph`: the nodes and edges around a chat (or the whole graph), as tables or JSON. */
export function registerNetworkGraph(group: Command): void {
  group
    .command('graph')
    .description('the channel graph around a chat: nodes, then edges with counts')
    .option('--node <ref>', 'a chat id, @handle or node id; the whole graph when absent')
    .option('--depth <n>', 'hops from the node, 1 to 3', parseDepth, 1)
    .option('--kinds <list>', `edge kinds to follow, comma-separated (${EDGE_KINDS.join(', ')})`)
    .option('--json', 'print JSON')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: GraphFlags) => {
      const kinds = parseKinds(options.kinds);
      await withNetwork(options, (network) => {
        const graph = network.neighbourhood(options.node, options.depth, kinds);
        if (options.json) return printJson(graph);
        printTable(
          ['node', 'kind', 'posts', 'closed', 'first seen', 'last seen'],
          graph.nodes.map((n) => [
            nodeLabel(n.id, n.handle),
            n.kind,
            n.posts,
            n.closedAt ?? '',
            n.firstSeen,
            n.lastSeen,
          ]),
        );
        process.stdout.write('\n');
        printTable(
          ['from', 'to', 'edge', 'count', 'first seen', 'last seen'],
          graph.edges.map((e) => [e.from, e.to, e.kind, e.count, e.firstSeen, e.lastSeen]),
        );
      });
    });
}
