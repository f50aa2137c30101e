/**
 * ESLint rule `walls/imports`: every import (static, dynamic, `require`, `export … from`, `import('x').T` types)
 * must be allowed for the importing file's runtime — by the dependency table (./dependencies.js) for packages and
 * Node built-ins, by `reachableRuntimes` (./runtimes.js) for relative paths. Default-deny: what has no row is refused.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { dependencies } from './dependencies.js';
import { nodeRuntimes, reachableRuntimes, relativeToRoot, root, runtimeOf } from './runtimes.js';

const builtins = new Set(builtinModules);

/** Fails lint at load when package.json and the table disagree, so a new dependency cannot arrive without a row. */
export function checkTableAgainstPackageJson(packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))) {
  const declared = new Set([...Object.keys(packageJson.dependencies ?? {}), ...Object.keys(packageJson.devDependencies ?? {})]);
  const problems = [];
  for (const name of declared) if (!(name in dependencies)) problems.push(`${name}: in package.json but not assigned to a runtime in lint/dependencies.js`);
  for (const [name, row] of Object.entries(dependencies)) {
    if (row.via ? !declared.has(row.via) : !declared.has(name)) problems.push(`${name}: has a row in lint/dependencies.js but is not in package.json${row.via ? ` (nor ${row.via})` : ''}`);
  }
  return problems;
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`; built-ins (with or without `node:`) → `node:`. */
function packageOf(specifier) {
  if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0])) return 'node:';
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function allowedByRow(row, runtime, file) {
  if (runtime === 'tooling') return true;
  const relative = relativeToRoot(file);
  return row.where.some((place) => (place.endsWith('/') ? relative.startsWith(place) : place === runtime));
}

/** The reason a specifier is refused in `file`, or null when it is allowed. */
export function refusal(specifier, file) {
  const runtime = runtimeOf(file);
  const bare = specifier.split('?')[0]; // Vite's `?url`, `?worker` suffixes
  if (bare.startsWith('.') || bare.startsWith('/')) {
    const target = runtimeOf(path.resolve(path.dirname(file), bare));
    return reachableRuntimes[runtime].includes(target)
      ? null
      : `${runtime} code may not import ${target} code (${bare}); cross the boundary through the contract in src-shared.`;
  }
  const name = packageOf(bare);
  if (name === 'node:') {
    return nodeRuntimes.includes(runtime) ? null : `Node's "${bare}" does not exist in the ${runtime}; ask the back office through the contract.`;
  }
  const row = dependencies[name];
  if (!row) return `"${name}" has no row in lint/dependencies.js; add it to package.json and assign it to the runtimes that may use it.`;
  return allowedByRow(row, runtime, file)
    ? null
    : `"${name}" may be imported only in ${row.where.length ? row.where.join(', ') : 'tests and tooling'} (lint/dependencies.js), not in ${relativeToRoot(file)}.`;
}

const importsRule = {
  meta: { type: 'problem', schema: [], messages: { refused: '{{reason}}', computed: 'A computed module name cannot be checked against the walls; import a literal path.' } },
  create(context) {
    const file = context.filename;
    const check = (node, source) => {
      if (!source) return;
      if (source.type === 'TemplateLiteral' && source.expressions.length === 0) return report(node, source.quasis[0].value.cooked);
      if (source.type !== 'Literal' || typeof source.value !== 'string') {
        // Tooling may load computed paths (fixtures, reports); shipped code may not, or the walls could be walked around.
        if (runtimeOf(file) !== 'tooling') context.report({ node, messageId: 'computed' });
        return;
      }
      report(node, source.value);
    };
    const report = (node, specifier) => {
      const reason = refusal(specifier, file);
      if (reason) context.report({ node, messageId: 'refused', data: { reason } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportType: (node) => check(node, node.source ?? node.argument?.literal),
      TSExternalModuleReference: (node) => check(node, node.expression),
      CallExpression: (node) => {
        const callee = node.callee;
        // `require.resolve` only locates a file (build scripts find tools that come with npm); it loads nothing.
        if (callee.type === 'Identifier' && callee.name === 'require' && node.arguments[0]) check(node, node.arguments[0]);
      },
    };
  },
};

export const walls = { meta: { name: 'beratungsraum-walls' }, rules: { imports: importsRule } };
