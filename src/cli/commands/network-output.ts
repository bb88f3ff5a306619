import { type AppContext, createContext, EDGE_KINDS, type EdgeKind } from '../../app/index.js';
import { type CommonOptions, configOverrides } from '../options.js';

/**
 * What every `rasd network …` subcommand shares: a context whose network has finished its
 * first load, and output as JSON or as a tab-separated table (ids, handles, scores, reasons:
 * the network holds no post text, so none can be printed).
 */

export { EDGE_KINDS, type EdgeKind };
/** One successor or predecessor candidate, with its score and reasons. */
export type LineageCandidate = ReturnType<AppContext['network']['successors']>[number];

export interface NetworkFlags extends CommonOptions {
  json?: boolean;
}

/** Runs `use` on the loaded network; read-only unless the command records something. */
export async function withNetwork<T>(
  options: NetworkFlags,
  use: (network: AppContext['network'], ctx: AppContext) => Promise<T> | T,
  mode: { readonly: boolean } = { readonly: true },
): Promise<T> {
  await using ctx = await createContext(configOverrides(options), { readonly: mode.readonly });
  await ctx.network.ready();
  // Awaited here, inside the `await using` scope: a bare `return use(…)` disposes of the context
  // (closing its store) as soon as `use` returns its promise, before its writes ran — PostgreSQL's
  // closed pool then never answers and `rasd network close` exits 13 with nothing printed.
  return await use(ctx.network, ctx);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Tab-separated with a header line, so it reads in a terminal and pastes into a spreadsheet. */
export function printTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): void {
  const clean = (cell: string | number) => String(cell).replace(/[\t\n\r]+/g, ' ');
  const lines = [header, ...rows].map((row) => row.map(clean).join('\t'));
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function score(value: number): string {
  return value.toFixed(2);
}

/** A chat as a person reads it: node id, then @handle when it has one. */
export function nodeLabel(id: string, handle?: string): string {
  return handle === undefined ? id : `${id} @${handle}`;
}

export function parseDepth(value: string): number {
  const depth = Number(value);
  if (!Number.isInteger(depth) || depth < 1 || depth > 3) throw new Error(`--depth must be 1, 2 or 3, got "${value}"`);
  return depth;
}
