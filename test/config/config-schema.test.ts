/**
 * The JSON schema shipped for `sqlsure.config.json` ($schema) and the config loader describe the
 * same keys; a config file that is not JSON is reported at its line and column (exit 2).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, ConfigError, resolveConfig } from '../../src/config/config.js';
import { makeProject, removeProject, REPO_ROOT, runCli } from '../support/project-dir.js';

const schemaFile = path.join(REPO_ROOT, 'schema/sqlsure.config.schema.json');
const schema = JSON.parse(await readFile(schemaFile, 'utf8')) as {
  additionalProperties: boolean;
  properties: Record<string, { type?: string | string[]; enum?: unknown[]; description?: string }>;
};

describe('config JSON schema', () => {
  it('lists exactly the keys the loader accepts, each described', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...CONFIG_KEYS].sort());
    expect(schema.additionalProperties).toBe(false);
    for (const [key, prop] of Object.entries(schema.properties)) expect(prop.description, key).toMatch(/\w/);
  });

  it('is shipped in the package', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schema');
  });

  it('its enums are the values the loader accepts', async () => {
    const dir = await makeProject();
    try {
      for (const key of ['int8', 'migrationsChecksum'] as const) {
        for (const value of schema.properties[key]!.enum!) {
          await expect(resolveConfig({ root: dir, [key]: value } as never, {})).resolves.toBeTruthy();
        }
        await expect(resolveConfig({ root: dir, [key]: 'nope' } as never, {})).rejects.toThrow(ConfigError);
      }
    } finally {
      await removeProject(dir);
    }
  });
});

describe('a config file that is not JSON', () => {
  it('is reported at its line and column, exit 2', async () => {
    const dir = await makeProject({ 'sqlsure.config.json': '{\n  "queries": "queries",\n  generated: "out"\n}\n' });
    try {
      await expect(resolveConfig({ root: dir }, {})).rejects.toThrow(/sqlsure\.config\.json:3:3: invalid JSON/);
      const run = await runCli(['check'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/sqlsure\.config\.json:3:3: invalid JSON/);
    } finally {
      await removeProject(dir);
    }
  });

  it('an unfinished file points at its end', async () => {
    const dir = await makeProject({ 'sqlsure.config.json': '{\n  "queries": "queries",\n' });
    try {
      await expect(resolveConfig({ root: dir }, {})).rejects.toThrow(/sqlsure\.config\.json:3:1: invalid JSON/);
    } finally {
      await removeProject(dir);
    }
  });
});
