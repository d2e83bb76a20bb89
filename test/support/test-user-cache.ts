/**
 * The machine cache (`SQLSURE_USER_CACHE_DIR`) every test run uses unless a test names its own:
 * a test folder, never the user's ~/.cache. vitest.config.ts sets it for the workers; the global
 * setup puts PGlite's post-initdb base snapshot there (base-snapshot.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEST_USER_CACHE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/sqlsure-tests/user-cache');
