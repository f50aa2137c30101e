/**
 * Import cycles among the shipped folders, type imports included: layers run one way, so a module never reaches
 * itself again through what it imports (a cycle such as core → extensions → extension → core means two
 * modules that cannot be understood, tested or moved apart). Checked by tests/unit/lint/import-cycles.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SOURCE = /\.(ts|tsx)$/;
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+[^'"]*?from\s+['"](\.[^'"]+)['"]/g;

function sourceFiles(folder) {
  const files = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

/** Every cycle found by a depth-first walk, each as the list of files from the first back to itself. */
export function importCycles(root, folders) {
  const graph = new Map();
  for (const file of folders.flatMap((folder) => sourceFiles(path.join(root, folder)))) {
    const text = readFileSync(file, 'utf8');
    const targets = [];
    for (const match of text.matchAll(IMPORT)) {
      const stem = path.join(path.dirname(file), match[1]).replace(/\.js$/, '');
      const target = [`${stem}.ts`, `${stem}.tsx`, path.join(stem, 'index.ts')].find((candidate) => existsSync(candidate));
      if (target) targets.push(target);
    }
    graph.set(file, targets);
  }
  const state = new Map();
  const stack = [];
  const cycles = [];
  const visit = (file) => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open') cycles.push([...stack.slice(stack.indexOf(target)), target].map((f) => path.relative(root, f)));
      else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}
