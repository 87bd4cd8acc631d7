// npm run --silent kb -- stats [--json] | check [--file PACK_DIR]
import { checkPack, packStats } from '../lib/kb/check';
import { PACK_DIR, readPackFromDir } from '../lib/kb/node-pack';

const [command, ...rest] = process.argv.slice(2);
const json = rest.includes('--json');
const dirFlag = rest.indexOf('--dir');
const dir = dirFlag >= 0 ? rest[dirFlag + 1] : PACK_DIR;

const loaded = readPackFromDir(dir);
if (!loaded.ok) {
  console.error(`The knowledge pack in ${dir} does not match the schema:`);
  for (const e of loaded.errors) console.error(`  - ${e}`);
  process.exit(1);
}
const pack = loaded.value;

if (command === 'stats') {
  const stats = packStats(pack);
  if (json) console.log(JSON.stringify(stats));
  else {
    console.log(`Pack ${stats.version}`);
    console.log(`  entities: ${stats.entities.model} models, ${stats.entities.org} organisations, ${stats.entities.person} people`);
    console.log(`  aliases: ${stats.aliases}   relations: ${stats.relations}`);
    console.log(`  facts: ${stats.facts} (${stats.factsWithSourceAndDate} with source and date)`);
    console.log(`  tracked claims: ${stats.trackedClaims}`);
  }
} else if (command === 'check') {
  const problems = checkPack(pack);
  if (problems.length) {
    console.error(`kb check: ${problems.length} problem(s) in pack ${pack.version}:`);
    for (const p of problems.slice(0, 200)) console.error(`  - ${p}`);
    process.exit(1);
  }
  const s = packStats(pack);
  console.log(`kb check: pack ${pack.version} OK (${pack.entities.length} entities, ${s.facts} facts, ${s.trackedClaims} tracked claims)`);
} else {
  console.error('Usage: npm run --silent kb -- stats [--json] | check   [--dir PACK_DIR]');
  process.exit(2);
}
