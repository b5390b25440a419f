import { InvalidOptions } from '../engine';

export const SHARD_HELP = `  --shard K/N                  run only shard K of N (items K, K+N, K+2N, ...): run the N
                               shards anywhere, then join their checkpoints with
                               stepwise eval merge`;

export interface Shard {
  k: number;
  n: number;
}

export function parseShard(raw: string | undefined): Shard {
  if (raw === undefined) return { k: 1, n: 1 };
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || k < 1 || k > n) throw new InvalidOptions(`--shard ${raw}: expected K/N with 1 ≤ K ≤ N, e.g. --shard 2/4.`);
  return { k, n };
}

/** The items of one shard with their index in the whole run: a deterministic split that needs no coordination. */
export function shardItems<T>(items: readonly T[], shard: Shard): { item: T; index: number }[] {
  return items.map((item, index) => ({ item, index })).filter(({ index }) => index % shard.n === shard.k - 1);
}

export const shardLabel = (s: Shard) => `${s.k}/${s.n}`;
