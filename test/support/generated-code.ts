/**
 * Proves generated modules are harmless and valid: type-checked with `strict` by TypeScript's
 * compiler API (in process), then transpiled and imported in a child process, which must finish
 * normally — a module that runs injected code on import (`process.exit`, a throw) fails that.
 * `sqlsure/runtime` resolves to this repo's build (dist/), so run `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { REPO_ROOT } from './project-dir.js';

export interface GeneratedCodeVerdict {
  /** tsc --strict errors, `file(line,col): message`. */
  diagnostics: string[];
  /** Exit code of the child that imported every module (0 when all imported normally). */
  importExit: number;
  importOutput: string;
}

const IMPORTED = 'all generated modules imported';

/** `modules`: root-relative path → TypeScript source, as generateModules/prepare produce them. */
export async function verifyGeneratedCode(modules: ReadonlyMap<string, string> | Record<string, string>): Promise<GeneratedCodeVerdict> {
  const entries = modules instanceof Map ? [...modules.entries()] : Object.entries(modules);
  const dir = await mkdtemp(path.join(tmpdir(), 'sqlsure-gen-'));
  try {
    await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    await mkdir(path.join(dir, 'node_modules'), { recursive: true });
    await symlink(REPO_ROOT, path.join(dir, 'node_modules', 'sqlsure'), 'dir');
    const files: string[] = [];
    for (const [rel, text] of entries) {
      const file = path.join(dir, rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
      files.push(file);
    }
    // Node's types are large: loaded only for modules that mention a Node type.
    const diagnostics = typeCheck(files, entries.some(([, text]) => /\bBuffer\b/.test(text)));
    // Transpiled next to the sources; each is imported on its own.
    const urls: string[] = [];
    for (const [rel, text] of entries) {
      const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false } }).outputText;
      const file = path.join(dir, rel.replace(/\.ts$/, '.mjs'));
      await writeFile(file, js);
      urls.push(pathToFileURL(file).href);
    }
    const script = `for (const u of ${JSON.stringify(urls)}) await import(u); console.log(${JSON.stringify(IMPORTED)});`;
    const run = await node(['--input-type=module', '-e', script], dir);
    const importExit = run.code === 0 && run.stdout.includes(IMPORTED) ? 0 : run.code === 0 ? -1 : run.code;
    return { diagnostics, importExit, importOutput: run.stdout + run.stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function typeCheck(files: string[], nodeTypes: boolean): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts'],
    types: nodeTypes ? ['node'] : [],
    typeRoots: [path.join(REPO_ROOT, 'node_modules/@types')],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.basename(d.file.fileName)}(${line + 1},${character + 1}): ${message}`;
  });
}

function node(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
