/**
 * `display_name` → `displayName`, `address_2` → `address2`. Leading underscores and letters'
 * case are kept (`_rank` stays, `userID` stays), so only snake_case changes.
 */
export function camelCase(name: string): string {
  const lead = /^_*/.exec(name)![0];
  const rest = name.slice(lead.length).replace(/_+([^_])/g, (_, c: string) => c.toUpperCase());
  return lead + rest;
}
