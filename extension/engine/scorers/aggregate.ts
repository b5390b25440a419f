import { InvalidOptions } from '../errors';

export const AGGREGATIONS = ['min', 'prod', 'last', 'mean'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export function isAggregation(value: string): value is Aggregation {
  return (AGGREGATIONS as readonly string[]).includes(value);
}

/** Combines step scores into one solution score. An empty list has no score. */
export function aggregate(scores: readonly number[], how: Aggregation): number {
  if (scores.length === 0) throw new InvalidOptions('Cannot aggregate the scores of a solution with no steps.');
  switch (how) {
    case 'min':
      return Math.min(...scores);
    case 'prod':
      return scores.reduce((a, b) => a * b, 1);
    case 'last':
      return scores[scores.length - 1];
    case 'mean':
      return scores.reduce((a, b) => a + b, 0) / scores.length;
    default:
      throw new InvalidOptions(`Unknown aggregation "${how as string}"; use one of ${AGGREGATIONS.join(', ')}.`);
  }
}
