// npm run --silent bench [-- --json] [--only NAME]
// Every figure is a ratio against a baseline measured in the same run, or a raw figure with its unit.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench');
const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;

const modules = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => !only || name === only)
  .sort();

const results: Record<string, unknown> = {};
for (const name of modules) {
  const mod = (await import(pathToFileURL(path.join(dir, `${name}.ts`)).href)) as { run: () => Promise<Record<string, unknown>> };
  if (!json) console.error(`bench: ${name}…`);
  try {
    Object.assign(results, await mod.run());
  } catch (err) {
    results[`${name}Error`] = (err as Error).message;
  }
}

if (json) console.log(JSON.stringify(results));
else
  for (const [key, value] of Object.entries(results))
    console.log(`${key.padEnd(32)} ${typeof value === 'number' ? +value.toFixed(3) : String(value)}`);
