import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

/*
 * The write worker for tests. Vitest runs src/ as TypeScript through its own module runner,
 * which a worker thread does not have, and Node 20 cannot start a worker from a `.ts` file. So
 * the worker's modules (followed by their relative imports from write-worker.ts) are transpiled
 * as they are now, without type checks, into node_modules/.cache, where `better-sqlite3` still
 * resolves; the folder is named by a hash of the sources, so a test never runs a stale worker
 * and never depends on dist/ being built. Not part of the build.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./write-worker.ts', import.meta.url));
const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)\.js['"]/g;

function moduleGraph(entry: string): string[] {
  const found = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (found.has(file)) continue;
    found.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      queue.push(resolve(dirname(file), `${m[1]}.ts`));
    }
  }
  return [...found].sort();
}

let built: URL | undefined;

/** A `workerUrl` for `SqliteStore.open` that runs the worker from the current sources. */
export function builtWorkerUrl(): URL {
  if (built) return built;
  const files = moduleGraph(ENTRY);
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(readFileSync(file));
  const out = join(ROOT, 'node_modules', '.cache', 'rasd-write-worker', hash.digest('hex').slice(0, 16));
  if (!existsSync(out)) {
    // Written aside and renamed, so test files running at once never see half a folder.
    const temp = `${out}.${process.pid}.tmp`;
    for (const file of files) {
      const target = join(temp, relative(ROOT, file)).replace(/\.ts$/, '.js');
      const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      });
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, outputText);
    }
    // Inside node_modules no package.json of the repo applies: say these are ES modules.
    writeFileSync(join(temp, 'package.json'), '{ "type": "module" }\n');
    try {
      renameSync(temp, out);
    } catch (error) {
      rmSync(temp, { recursive: true, force: true });
      if (!existsSync(out)) throw error;
    }
  }
  built = pathToFileURL(join(out, relative(ROOT, ENTRY).replace(/\.ts$/, '.js')));
  return built;
}
