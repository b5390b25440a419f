import { DEFAULT_PROGRESS, ESTIMATES, InvalidOptions, type EngineConfig, type Estimate, type ProgressSettings } from '../engine';
import { nonNegative, positiveInt } from './common';

/** Flags of the progress and reference verifiers (verify only). */
export const verifierOptions = {
  rollouts: { type: 'string' },
  answer: { type: 'string' },
  estimate: { type: 'string' },
  seed: { type: 'string' },
  temperature: { type: 'string' },
  'max-depth': { type: 'string' },
  'budget-calls': { type: 'string' },
  'budget-tokens': { type: 'string' },
  'budget-seconds': { type: 'string' },
  reference: { type: 'string' },
} as const;

export const VERIFIER_OPTIONS_HELP = `Progress scorer (--scorer progress: Math-Shepherd rollouts, PAV progress):
  --rollouts K                 completions the policy model plays out after each step (default 8)
  --answer A                   the reference answer (--answer=-3 for a negative one); default:
                               an "Answer:" line after the problem, else the answer most
                               rollouts from the problem reach
  --estimate hard|soft         Q_k = 1 if any rollout reaches the answer (hard, default) or the
                               share that does (soft)
  --seed S                     rollout seed: the same seed repeats the rollouts (default 0)
  --temperature T              policy sampling temperature for rollouts (default 0.8)
  --max-depth D                most steps in a rolled-out solution (default 40)
  --budget-calls C             at most C rollout requests; steps left without a finished rollout
                               are unscored
  --budget-tokens T            at most T generated tokens
  --budget-seconds S           at most S seconds of rollouts
Reference-guided verification (--scorer reference, or auto with a reference):
  --reference FILE             a reference solution; the judge aligns each step with it (default:
                               a "## Reference" section in FILE)`;

type Values = Partial<Record<keyof typeof verifierOptions, string>>;

/** The progress settings the flags name (the rest from DEFAULT_PROGRESS). */
export function progressFromFlags(values: Values): Partial<ProgressSettings> {
  const estimate = values.estimate;
  if (estimate !== undefined && !(ESTIMATES as readonly string[]).includes(estimate)) throw new InvalidOptions(`--estimate ${estimate}: use hard or soft.`);
  const budget = {
    ...(values['budget-calls'] !== undefined ? { calls: positiveInt('budget-calls', values['budget-calls'], 1) } : {}),
    ...(values['budget-tokens'] !== undefined ? { tokens: positiveInt('budget-tokens', values['budget-tokens'], 1) } : {}),
    ...(values['budget-seconds'] !== undefined ? { ms: nonNegative('budget-seconds', values['budget-seconds'], 0) * 1000 } : {}),
  };
  return {
    rollouts: positiveInt('rollouts', values.rollouts, DEFAULT_PROGRESS.rollouts),
    estimate: (estimate ?? DEFAULT_PROGRESS.estimate) as Estimate,
    ...(values.answer !== undefined ? { answer: values.answer } : {}),
    seed: nonNegative('seed', values.seed, DEFAULT_PROGRESS.seed),
    temperature: nonNegative('temperature', values.temperature, DEFAULT_PROGRESS.temperature),
    maxDepth: positiveInt('max-depth', values['max-depth'], DEFAULT_PROGRESS.maxDepth),
    budget,
  };
}

/** Progress flags only mean something to the progress scorer: say so rather than ignore them. */
export function checkVerifierFlags(values: Values, config: EngineConfig): void {
  const progressOnly = (['rollouts', 'estimate', 'answer', 'budget-calls', 'budget-tokens', 'budget-seconds', 'max-depth'] as const).filter((k) => values[k] !== undefined);
  if (progressOnly.length && config.scorer !== 'progress') {
    throw new InvalidOptions(`--${progressOnly[0]} is an option of the progress scorer: add --scorer progress.`);
  }
}
