// Front-end calls for solving and correcting, in the shape extension/vscode/engineApi.ts expects.
// Not exported from the engine index yet: the lead decides whether they live here or in session.ts.
import type { EngineConfig } from '../config';
import { correctSolution, type CorrectionResult } from '../correct';
import { EmptySolution } from '../errors';
import { createProvider } from '../providers';
import { createScorer } from '../scorers';
import { readDocument } from '../session';
import type { ParsedDocument } from '../steps/types';
import { createModelProposer } from './propose';
import { runSearch } from './run';
import type { SearchEvent, SearchResult, StrategyName } from './types';

export interface SolveTextOptions {
  signal?: AbortSignal;
  search: {
    strategy: StrategyName;
    n: number;
    beamWidth: number;
    maxDepth: number;
    temperature: number;
    seed: number;
    /** 0 or absent: unlimited. */
    budget: { calls?: number; tokens?: number; seconds?: number };
  };
  onEvent?: (e: SearchEvent) => void;
  onNote?: (note: string) => void;
}

/** Solves the problem in `text` (an explicit Problem section, else the whole text). */
export async function solveText(config: EngineConfig, text: string, opts: SolveTextOptions): Promise<{ document: ParsedDocument; result: SearchResult }> {
  const document = readDocument(text);
  const explicit = document.problem && (document.layout === 'markdown-headings' || document.layout === 'labels');
  const problem = (explicit ? document.problem!.text : text).trim();
  if (!problem) throw new EmptySolution('No problem statement was found');
  const provider = createProvider(config.provider);
  const { scorer, notes } = await createScorer(config, provider, opts.signal);
  notes.forEach((n) => opts.onNote?.(n));
  const { budget, strategy, ...search } = opts.search;
  const result = await runSearch({
    problem,
    strategy,
    proposer: createModelProposer(provider, config.policyModel, { concurrency: config.concurrency }),
    scorer,
    aggregation: config.aggregation,
    options: {
      ...search,
      concurrency: config.concurrency,
      threshold: config.threshold,
      budget: {
        ...(budget.calls ? { calls: budget.calls } : {}),
        ...(budget.tokens ? { tokens: budget.tokens } : {}),
        ...(budget.seconds ? { ms: budget.seconds * 1000 } : {}),
      },
    },
    signal: opts.signal,
    onEvent: opts.onEvent,
  });
  return { document, result };
}

/** Suggests a replacement for a weak step (the first under the threshold, or `stepIndex`). */
export async function suggestCorrection(
  config: EngineConfig,
  problem: string,
  steps: string[],
  opts: { signal?: AbortSignal; stepIndex?: number; alternatives?: number; rounds?: number } = {},
): Promise<CorrectionResult> {
  const provider = createProvider(config.provider);
  const { scorer } = await createScorer(config, provider, opts.signal);
  return correctSolution({
    problem,
    steps,
    scorer,
    proposer: createModelProposer(provider, config.policyModel, { concurrency: config.concurrency }),
    provider,
    model: config.policyModel,
    threshold: config.threshold,
    aggregation: config.aggregation,
    alternatives: opts.alternatives ?? 4,
    rounds: opts.rounds ?? 1,
    ...(opts.stepIndex !== undefined ? { weakIndex: opts.stepIndex } : {}),
    signal: opts.signal,
  });
}
