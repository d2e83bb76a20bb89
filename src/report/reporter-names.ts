/** The reporters' names alone: the CLI's flag definition needs them before any command runs. */
export const REPORTERS = ['pretty', 'plain', 'json', 'github'] as const;
export type ReporterName = (typeof REPORTERS)[number];
