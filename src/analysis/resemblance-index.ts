import { pdqWords } from '../match/index.js';
import { type NameKeys, nameKeys } from './handle-key.js';
import type { NodeId } from './network-types.js';

/**
 * Which chats might look like a given one, without scanning them all: an inverted index from
 * name-key and consonant-skeleton trigrams, and from the sixteen 16-bit chunks of every avatar
 * PDQ hash, to the nodes that carry them. It only proposes: lineage verifies each proposal.
 * Avatars within 15 bits always share a chunk (pigeonhole); up to the 31-bit match radius they
 * almost always do. Updated when a node gains a name or avatar (rare), never per post.
 */
export class ResemblanceIndex {
  readonly #grams = new Map<number, NodeId[]>();
  readonly #chunks = new Map<number, NodeId[]>();

  addName(id: NodeId, name: string): void {
    const keys = nameKeys(name);
    for (const gram of new Set(keys.trigrams)) push(this.#grams, gram, id);
    for (const gram of new Set(keys.skeletonTrigrams)) push(this.#grams, skeletonTag(gram), id);
  }

  addAvatar(id: NodeId, pdqHex: string): void {
    let words: Uint32Array;
    try {
      words = pdqWords(pdqHex);
    } catch {
      return;
    }
    for (const chunk of chunksOf(words)) push(this.#chunks, chunk, id);
  }

  /**
   * Nodes sharing at least `minShared` name trigrams (key or skeleton) with any of `names`, or
   * one avatar chunk with any of `avatars`. Ids may be stale aliases; callers resolve them.
   */
  proposals(names: readonly NameKeys[], avatars: readonly Uint32Array[], minShared = 2): Set<NodeId> {
    const counts = new Map<NodeId, number>();
    const grams = new Set<number>();
    for (const keys of names) {
      for (const gram of keys.trigrams) grams.add(gram);
      for (const gram of keys.skeletonTrigrams) grams.add(skeletonTag(gram));
    }
    const out = new Set<NodeId>();
    for (const gram of grams) {
      for (const id of this.#grams.get(gram) ?? []) {
        const n = (counts.get(id) ?? 0) + 1;
        counts.set(id, n);
        if (n >= minShared) out.add(id);
      }
    }
    for (const words of avatars) {
      for (const chunk of chunksOf(words)) for (const id of this.#chunks.get(chunk) ?? []) out.add(id);
    }
    return out;
  }
}

/** Packed trigrams are non-negative; skeleton trigrams are stored negated so the two never collide. */
const skeletonTag = (gram: number): number => -gram - 1;

function push(map: Map<number, NodeId[]>, key: number, id: NodeId): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
}

/** Chunk i of 16 bits, tagged with its position so equal values at different places differ. */
function chunksOf(words: Uint32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as number;
    out.push(2 * i * 65536 + (w >>> 16), (2 * i + 1) * 65536 + (w & 0xffff));
  }
  return out;
}
