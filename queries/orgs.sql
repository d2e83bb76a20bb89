/*
  Organizations and memberships, written in pgtyped's format: sqlsure reads these files with
  @pgtyped/parser, so a pgtyped project switches without touching its SQL.
*/

/* @name GetOrganizationBySlug :maybe */
SELECT id, slug, name, settings, created_at
FROM organizations
WHERE slug = :slug!;

/*
  @name ListOrganizationsBySlugs
  @param slugs -> (...)
*/
SELECT id, slug, name
FROM organizations
WHERE slug IN :slugs
ORDER BY slug;

/*
  @name AddMembers
  @param members -> ((organizationId!, userId!, role!)...)
*/
INSERT INTO memberships (organization_id, user_id, role)
VALUES :members
ON CONFLICT (organization_id, user_id) DO NOTHING
RETURNING organization_id, user_id, role, invited_by, created_at;

/*
  @name FindMembership :maybe
  @param key -> (organizationId!, userId!)
*/
SELECT role, invited_by, created_at
FROM memberships
WHERE (organization_id, user_id) = :key;

/*
  @name RemoveMembers
  @param members -> ((organizationId!, userId!)...)
*/
DELETE FROM memberships
WHERE (organization_id, user_id) IN :members;
