// npm run --silent cycles: import cycles among the project's own modules, type-only imports included
// (Biome's noImportCycles checks value imports; a type cycle still ties two modules' designs together).
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIRS = ['lib', 'components', 'entrypoints'];
const EXTS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return files(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec.replace(/\?.*$/, ''));
  if (fs.existsSync(base) && fs.statSync(base).isFile()) return /\.tsx?$/.test(base) ? base : null;
  for (const ext of EXTS) if (fs.existsSync(base + ext)) return base + ext;
  return null;
}

const all = DIRS.flatMap((d) => files(path.join(ROOT, d)));
const graph = new Map<string, string[]>();
for (const file of all) {
  const source = fs.readFileSync(file, 'utf8');
  const specs = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
  graph.set(file, [...new Set(specs.map((s) => resolve(file, s)).filter((f): f is string => !!f))]);
}

// Tarjan's strongly connected components: every component of more than one module is a cycle.
let index = 0;
const order = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const cycles: string[][] = [];
function visit(v: string): void {
  order.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!order.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v)!, low.get(w)!));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
  }
  if (low.get(v) === order.get(v)) {
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(path.relative(ROOT, w));
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const v of graph.keys()) if (!order.has(v)) visit(v);

const outward = [...graph].flatMap(([from, to]) =>
  from.startsWith(path.join(ROOT, 'lib'))
    ? to.filter((t) => t.startsWith(path.join(ROOT, 'components'))).map((t) => `${path.relative(ROOT, from)} → ${path.relative(ROOT, t)}`)
    : [],
);
for (const c of cycles) console.log(`cycle: ${c.join(', ')}`);
for (const o of outward) console.log(`lib imports a component: ${o}`);
if (cycles.length || outward.length) process.exit(1);
console.log(`no import cycles among ${all.length} modules; lib/ imports nothing from components/`);
