import { InvalidOptions, type EngineConfig, type OptionName } from '../engine';
import { flagHelp, flagTable } from './common';

/** Schema options of the progress and reference verifiers (verify only). */
export const VERIFIER_OPTION_NAMES = [
  'progressRollouts', 'progressEstimate', 'answer', 'seed', 'temperature', 'maxDepth', 'budgetCalls', 'budgetTokens', 'budgetSeconds', 'referenceFile',
] as const satisfies readonly OptionName[];

export const verifierOptions = flagTable(VERIFIER_OPTION_NAMES);

export const VERIFIER_OPTIONS_HELP = `Progress scorer (--scorer progress: Math-Shepherd rollouts, PAV progress) and
reference-guided verification (--scorer reference, or auto with a reference):
${flagHelp(VERIFIER_OPTION_NAMES)}`;

type Values = Partial<Record<keyof typeof verifierOptions, string | boolean>>;

/** Progress flags only mean something to the progress scorer: say so rather than ignore them. */
export function checkVerifierFlags(values: Values, config: EngineConfig): void {
  const progressOnly = (['rollouts', 'estimate', 'answer', 'budget-calls', 'budget-tokens', 'budget-seconds', 'max-depth'] as const).filter((k) => values[k] !== undefined);
  if (progressOnly.length && config.scorer !== 'progress') {
    throw new InvalidOptions(`--${progressOnly[0]} is an option of the progress scorer: add --scorer progress.`);
  }
}
