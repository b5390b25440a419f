/** Seeded randomness: every random choice in a search comes from here, never from Math.random. */

export type Random = () => number;

/** mulberry32: small, fast, and good enough for tie-breaking and sampling. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the string: a stable 32-bit hash used to derive per-prefix seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The seed of the first sample of one expansion; sample i uses `base + i`. */
export function seedFor(runSeed: number, problem: string, prefix: readonly string[], expansion: number): number {
  const h = hashString(problem + '\u0000' + prefix.join('\u0000'));
  // Kept below 2^31 so every server accepts it as a signed int.
  return (runSeed + h + expansion * 7919) % 0x7fffff00;
}
