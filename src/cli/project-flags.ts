/** The folder and database flags every project command takes, as the overrides the library reads. */

export interface ProjectFlags {
  root?: string;
  config?: string;
  queries?: string;
  migrations?: string;
  generated?: string;
  cache?: string;
  sources?: string[];
  databaseUrl?: string;
}

export type ProjectOverrides = ProjectFlags;

const PATH_KEYS = ['root', 'config', 'queries', 'migrations', 'generated', 'cache', 'databaseUrl'] as const;

/** Only the flags that were given: an absent flag must not override the config with `undefined`. */
export function projectOverrides(flags: ProjectFlags): ProjectOverrides {
  const overrides: ProjectOverrides = {};
  for (const key of PATH_KEYS) {
    const value = flags[key];
    if (value !== undefined) overrides[key] = value;
  }
  // yargs hands numbers through for globs like `123`; the config wants strings.
  if (flags.sources !== undefined) overrides.sources = flags.sources.map(String);
  return overrides;
}
