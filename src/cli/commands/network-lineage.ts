import type { Command } from 'commander';
import {
  type LineageCandidate,
  type NetworkFlags,
  printJson,
  printTable,
  score,
  withNetwork,
} from './network-output.js';

interface LineageFlags extends NetworkFlags {
  limit: number;
}

function reasonsOf(candidate: LineageCandidate): string {
  return candidate.reasons.map((reason) => `${reason.factor} ${score(reason.value)}: ${reason.detail}`).join('; ');
}

function candidateRows(direction: string, candidates: readonly LineageCandidate[]): (string | number)[][] {
  return candidates.map((c) => [direction, c.closed, c.candidate, score(c.score), reasonsOf(c)]);
}

const HEADER = ['direction', 'closed', 'candidate', 'score', 'reasons'];

/**
 * `rasd network lineage [chat]`: successor candidates of a closed chat and the closed chats a
 * new one may succeed, each with its score and reasons; without a chat, every closed chat.
 */
export function registerNetworkLineage(group: Command): void {
  group
    .command('lineage')
    .description('successor candidates of closed chats, with scores and reasons')
    .argument('[chat]', 'a chat id, @handle or node id; every closed chat when absent')
    .option('--limit <n>', 'candidates per chat', (v) => Number.parseInt(v, 10), 5)
    .option('--json', 'print JSON')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (chat: string | undefined, options: LineageFlags) => {
      await withNetwork(options, (network) => {
        if (chat === undefined) {
          const closures = network.closures().map(({ node, candidates }) => ({
            node,
            candidates: candidates.slice(0, options.limit),
          }));
          if (options.json) return printJson({ closures });
          const rows = closures.flatMap(({ node, candidates }) =>
            candidates.length === 0
              ? [['successor', node.id, '-', '-', 'no candidate yet']]
              : candidateRows('successor', candidates),
          );
          return printTable(HEADER, rows);
        }
        if (network.graph.resolve(chat) === undefined) throw new Error(`no chat "${chat}" in the network`);
        const successors = network.successors(chat, options.limit);
        const predecessors = network.predecessors(chat, options.limit);
        if (options.json) return printJson({ chat, successors, predecessors });
        printTable(HEADER, [...candidateRows('successor', successors), ...candidateRows('predecessor', predecessors)]);
      });
    });
}
