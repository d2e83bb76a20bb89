import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/config.js';
import { makeProject, removeProject } from '../support/project-dir.js';

const projects: string[] = [];
const withConfig = async (config: unknown) => {
  const dir = await makeProject({ 'sqlsure.config.json': JSON.stringify(config) });
  projects.push(dir);
  return resolveConfig({ root: dir }, {});
};
afterAll(() => Promise.all(projects.map(removeProject)));

describe('codegen options in sqlsure.config.json', () => {
  it('defaults: snake_case kept, int8 as string, no overrides', async () => {
    expect(await withConfig({})).toMatchObject({ camelCase: false, int8: 'string', types: {}, columns: {}, imports: {} });
  });

  it('accepts camelCase, int8, types, columns (public. dropped) and imports', async () => {
    const config = await withConfig({
      camelCase: true,
      int8: 'bigint',
      types: { jsonb: "import('./types.js').Json" },
      columns: { 'public.users.profile': 'Profile', 'auth.users.meta': 'Meta', 'sessions.data': 'Data' },
      imports: { Profile: './src/types.js' },
    });
    expect(config).toMatchObject({
      camelCase: true,
      int8: 'bigint',
      columns: { 'users.profile': 'Profile', 'auth.users.meta': 'Meta', 'sessions.data': 'Data' },
      imports: { Profile: './src/types.js' },
    });
  });

  it('rejects bad values with the key named', async () => {
    await expect(withConfig({ int8: 'float' })).rejects.toThrow(/"int8" must be one of "string", "bigint", "number"/);
    await expect(withConfig({ camelCase: 'yes' })).rejects.toThrow(/"camelCase" must be true or false/);
    await expect(withConfig({ columns: { profile: 'P' } })).rejects.toThrow(/"columns" key "profile" must be "table.column"/);
    await expect(withConfig({ types: { jsonb: '' } })).rejects.toThrow(/"types": "jsonb" must map to a non-empty string/);
    await expect(withConfig({ imports: { 'not-an-identifier': './x.js' } })).rejects.toThrow(/is not a TypeScript identifier/);
  });
});
