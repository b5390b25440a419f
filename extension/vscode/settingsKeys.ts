// The `stepwise.*` settings: names, defaults and ranges all come from the engine's options schema; this file only
// maps setting keys to schema options (and writes package.json's `contributes.configuration` from it).
// No `vscode` import: the mapping is unit-tested against package.json.
import {
  checkOptions,
  DEFAULT_OLLAMA_URL,
  DEFAULT_OPENAI_URL,
  engineConfigOf,
  OPTION_CATEGORIES,
  OPTION_NAMES,
  OPTION_SCHEMA,
  optionSpec,
  searchOptionsOf,
  type ConfigExtras,
  type EngineConfig,
  type OptionName,
  type PartialOptions,
  type ResolvedOptions,
  type SolveSearchOptions,
} from '../engine/index';

export const SECTION = 'stepwise';

/** Where a role's model runs (`stepwise.provider`, `policyProvider`, `verifierProvider`). */
export type ProviderSetting = 'ollama' | 'openai' | 'vscode';

type WithSetting = { [K in OptionName]: (typeof OPTION_SCHEMA)[K] extends { setting: string } ? K : never }[OptionName];
/** A setting key after `stepwise.`, e.g. `search.beamWidth`. */
export type SettingKey = (typeof OPTION_SCHEMA)[WithSetting]['setting'];

/** Setting key → the schema option it sets. */
export const SETTING_OPTIONS: Readonly<Record<SettingKey, OptionName>> = Object.fromEntries(
  OPTION_NAMES.flatMap((name) => {
    const setting = optionSpec(name).setting;
    return setting ? [[setting, name]] : [];
  }),
) as Record<SettingKey, OptionName>;
export const SETTING_KEYS = Object.keys(SETTING_OPTIONS) as SettingKey[];

export interface HostConfig extends EngineConfig {
  search: SolveSearchOptions;
  suggestCorrections: boolean;
  /** `stepwise.reference.file`: a reference solution the host reads before a run (referenceFile.ts). */
  referenceFile?: string;
  /** Every option as resolved (what the status bar and logs describe). */
  options: ResolvedOptions;
  /** Settings that held a value Stepwise cannot use; a run refuses to start while any are listed. */
  problems: string[];
}

/**
 * The options the user set, read through `userValue` (in VS Code: `inspect()`'s folder, workspace or user value,
 * never the default, so that `auto` can tell "named nothing" from "named the default").
 */
export function readSettings(userValue: (key: SettingKey) => unknown): PartialOptions {
  const partial: PartialOptions = {};
  for (const key of SETTING_KEYS) {
    const value = userValue(key);
    if (value !== undefined && value !== null) partial[SETTING_OPTIONS[key]] = value;
  }
  return partial;
}

/** The engine's options for one run; a value that cannot be used is listed in `problems` and its default kept. */
export function toHostConfig(partial: PartialOptions, extras: ConfigExtras & { env?: Record<string, string | undefined> } = {}): HostConfig {
  const { options, problems } = checkOptions(partial, { source: 'settings', env: extras.env });
  return {
    ...engineConfigOf(options, extras),
    search: searchOptionsOf(options),
    suggestCorrections: options.suggestCorrections,
    ...(options.referenceFile.trim() ? { referenceFile: options.referenceFile.trim() } : {}),
    options,
    problems,
  };
}

/** What the status bar and logs show; never includes the API key. */
export function describeEndpoint(c: Pick<HostConfig, 'provider'>): string {
  if (c.provider.kind === 'vscode') return 'VS Code language models';
  return c.provider.baseUrl ?? (c.provider.kind === 'ollama' ? DEFAULT_OLLAMA_URL : DEFAULT_OPENAI_URL);
}

interface ContributedProperty {
  type: string;
  default: unknown;
  markdownDescription: string;
  order: number;
  enum?: readonly string[];
  markdownEnumDescriptions?: readonly string[];
  minimum?: number;
  maximum?: number;
}

/** package.json's `contributes.configuration`: one titled category per schema category, in the schema's order. */
export function contributedConfiguration(): { title: string; order: number; properties: Record<string, ContributedProperty> }[] {
  return OPTION_CATEGORIES.map((title, order) => {
    const properties: Record<string, ContributedProperty> = {};
    OPTION_NAMES.filter((n) => optionSpec(n).setting && optionSpec(n).category === title).forEach((name, i) => {
      const spec = optionSpec(name);
      const base = { default: spec.default, markdownDescription: spec.description, order: i };
      properties[`${SECTION}.${spec.setting}`] =
        spec.type === 'enum'
          ? { type: 'string', ...base, enum: spec.values, markdownEnumDescriptions: spec.valueDescriptions }
          : spec.type === 'integer' || spec.type === 'number'
            ? { type: spec.type, ...base, ...(spec.min !== undefined ? { minimum: spec.min } : {}), ...(spec.max !== undefined ? { maximum: spec.max } : {}) }
            : { type: spec.type, ...base };
    });
    return { title, order, properties };
  });
}
