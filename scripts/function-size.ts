// npm run --silent function-size [-- --max 150]: functions longer than --max lines (150 by default)
// in lib/, components/, entrypoints/ and scripts/ (tests are not checked). Every function counts,
// nested ones too: declarations, expressions, arrows and methods, from the first line to the last.
// Parsed with @babel/parser (TypeScript + JSX), so braces in strings, regexes and templates are no trap.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIRS = ['lib', 'components', 'entrypoints', 'scripts'];
const maxArg = process.argv.indexOf('--max');
const MAX = maxArg > 0 ? Number(process.argv[maxArg + 1]) : 150;

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

interface Node {
  type: string;
  loc?: { start: { line: number }; end: { line: number } };
  [key: string]: unknown;
}

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return files(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

function keyName(key: unknown): string | null {
  const k = key as Node | undefined;
  if (!k) return null;
  if (k.type === 'Identifier' || k.type === 'PrivateName') return String((k.id as Node | undefined)?.name ?? k.name);
  if (k.type === 'StringLiteral' || k.type === 'NumericLiteral') return String(k.value);
  return null;
}

/** The name a reader would look for: the function's own, or the variable, property or method holding it. */
function nameOf(node: Node, parent: Node | null): string {
  const own = keyName(node.id) ?? keyName(node.key);
  if (own) return own;
  if (parent?.type === 'VariableDeclarator') return keyName(parent.id) ?? '(anonymous)';
  if (parent?.type === 'ObjectProperty' || parent?.type === 'ClassProperty') return keyName(parent.key) ?? '(anonymous)';
  if (parent?.type === 'AssignmentExpression') return keyName(parent.left) ?? '(anonymous)';
  if (parent?.type === 'CallExpression') return `(argument of ${keyName(parent.callee) ?? 'a call'})`;
  return '(anonymous)';
}

export interface LongFunction {
  file: string;
  name: string;
  line: number;
  lines: number;
}

export function longFunctions(source: string, file: string, max: number): LongFunction[] {
  const ast = parse(source, { sourceType: 'module', plugins: ['typescript', 'jsx'], errorRecovery: false }) as unknown as Node;
  const out: LongFunction[] = [];
  const walk = (node: Node, parent: Node | null) => {
    if (FUNCTIONS.has(node.type) && node.loc) {
      const lines = node.loc.end.line - node.loc.start.line + 1;
      if (lines > max) out.push({ file, name: nameOf(node, parent), line: node.loc.start.line, lines });
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child === 'object' && typeof (child as Node).type === 'string') walk(child as Node, node);
      } else if (value && typeof value === 'object' && typeof (value as Node).type === 'string') walk(value as Node, node);
    }
  };
  walk(ast, null);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const found = DIRS.flatMap((d) => files(path.join(ROOT, d))).flatMap((f) => longFunctions(fs.readFileSync(f, 'utf8'), path.relative(ROOT, f), MAX));
  found.sort((a, b) => b.lines - a.lines);
  for (const f of found) console.log(`${String(f.lines).padStart(4)} lines  ${f.name}  ${f.file}:${f.line}`);
  if (found.length) process.exit(1);
  console.log(`no function over ${MAX} lines`);
}
