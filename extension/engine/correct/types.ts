import type { ModelProvider } from '../providers/provider';
import type { Aggregation } from '../scorers/aggregate';
import type { Scorer } from '../scorers/scorer';
import type { SearchBudget } from '../search/budget';
import type { StepProposer } from '../search/propose';
import type { StopReason } from '../search/types';

export interface CorrectRequest {
  problem: string;
  steps: string[];
  scorer: Scorer;
  proposer: StepProposer;
  /** With both set, each round also asks a reviewer for feedback and a refiner for a rewrite (MAgICoRe). */
  provider?: ModelProvider;
  model?: string;
  threshold: number;
  aggregation: Aggregation;
  /** Alternatives sampled for the weak step. */
  alternatives: number;
  rounds: number;
  signal?: AbortSignal;
  budget?: SearchBudget;
  seed?: number;
  temperature?: number;
  /** Correct this step (0-based) instead of the first weak one, e.g. from a quick fix on that step. */
  weakIndex?: number;
  /** Steps written after the replacement before giving up on reaching an answer (default 20). */
  maxDepth?: number;
}

export interface ScoredText {
  text: string;
  score: number;
}

export interface CorrectionRound {
  round: number;
  weakIndex: number;
  /** What produced the candidate this round kept: a resampled step or a reviewer/refiner rewrite. */
  method: 'resample' | 'refine';
  feedback?: string;
  /** The candidate solution tried this round. */
  steps: ScoredText[];
  score: number;
  accepted: boolean;
}

export interface CorrectionResult {
  /** 0-based index of the step that was replaced (the first under the threshold, else the lowest). */
  weakIndex: number;
  original: ScoredText;
  replacement: ScoredText;
  /** The steps after the replacement, as rewritten. */
  tail: ScoredText[];
  /** Why the step was judged weak and what replaced it, or why nothing did. */
  reason: string;
  answer?: string;
  /** True only when the corrected solution scores higher than the original. */
  improved: boolean;
  rounds: CorrectionRound[];
  originalScore: number;
  correctedScore: number;
  /** The whole corrected solution (the original when nothing improved). */
  steps: ScoredText[];
  stoppedBy: StopReason;
  stats: { calls: number; scoringCalls: number; generationCalls: number; completionTokens: number; cacheHits: number; wallMs: number };
}
