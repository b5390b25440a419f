import { basename } from 'node:path';
import { openModels, InvalidOptions, loadLongcotItems, runLongcotEval, type LongcotMetrics } from '../engine';
import { configFromFlags, MODEL_OPTIONS_HELP, modelOptions, parse, positiveInt, type CliIO } from './common';

export const EVAL_LONGCOT_HELP = `Usage: stepwise eval longcot FILE [options]

Error detection in long chains of thought. FILE (JSON array or JSONL) holds DeltaBench-layout
items: question, long_cot, sections as a list of {start, end, description, content}, and
reason_error_section_numbers counted from 1. Each human section is judged given the problem
and the sections before it; a section scored under the threshold is predicted wrong.
Reports section-level precision, recall and F1 over all items (and the mean per-item F1),
and how well Stepwise's own sections agree with the human ones (boundary F1).

  --limit N                    only the first N items
  --tolerance C                a boundary counts as found within C characters (default 100)
${MODEL_OPTIONS_HELP}`;

const options = { ...modelOptions, limit: { type: 'string' }, tolerance: { type: 'string' } } as const;

export async function runEvalLongcot(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(argv, options);
  if (values.help) {
    io.stdout(EVAL_LONGCOT_HELP + '\n');
    return 0;
  }
  if (positionals.length !== 1) throw new InvalidOptions('stepwise eval longcot needs one FILE (JSON array or JSONL).');
  const config = configFromFlags(values, io.env);
  const file = positionals[0];
  let items = await loadLongcotItems(file);
  if (values.limit !== undefined) items = items.slice(0, positiveInt('limit', values.limit, items.length));
  const tolerance = values.tolerance !== undefined ? positiveInt('tolerance', values.tolerance, 100) : 100;
  const { scorer } = await openModels(config, io.signal, (note) => io.stderr(`${note}\n`));
  const { results, metrics } = await runLongcotEval(items, {
    scorer,
    threshold: config.threshold,
    tolerance,
    signal: io.signal,
    onItem: (_, done, total) => {
      if (io.isTTY) io.stderr(`\rJudged ${done}/${total} items`);
    },
  });
  if (io.isTTY) io.stderr('\n');
  if (values.json) {
    io.stdout(JSON.stringify({ ...metrics, results }, null, 2) + '\n');
  } else {
    io.stdout(formatLongcot(basename(file), scorer.name, config.threshold, metrics));
  }
  return 0;
}

const pct = (x: number) => (100 * x).toFixed(1);

function formatLongcot(file: string, scorer: string, threshold: number, m: LongcotMetrics): string {
  const s = m.segmentation;
  return (
    [
      `Long CoT ${file}: ${m.items} items, ${m.sections} human sections (${m.errorSections} with an error), scorer ${scorer}, threshold ${threshold}`,
      `  error sections: precision ${pct(m.precision)}  recall ${pct(m.recall)}  F1 ${pct(m.f1)}  (mean per-item F1 ${pct(m.macroF1)})`,
      m.unscoredSections ? `  ${m.unscoredSections} sections had no verdict and count as not flagged` : '',
      `Sections: ${s.autoSections} automatic vs ${s.humanSections} human; boundaries within ${s.tolerance} characters: ` +
        `precision ${pct(s.precision)}  recall ${pct(s.recall)}  F1 ${pct(s.f1)}`,
    ]
      .filter(Boolean)
      .join('\n') + '\n'
  );
}
