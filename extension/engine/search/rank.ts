import type { SearchNode } from './types';

/** Highest path score first; ties go to the more confident step (when known), then to creation order. */
export function byPathScore(preferConfident = false) {
  return (a: SearchNode, b: SearchNode): number =>
    (b.pathScore ?? -Infinity) - (a.pathScore ?? -Infinity) ||
    (preferConfident ? (b.confidence?.meanLogprob ?? -Infinity) - (a.confidence?.meanLogprob ?? -Infinity) : 0) ||
    Number(a.id.slice(1)) - Number(b.id.slice(1));
}
