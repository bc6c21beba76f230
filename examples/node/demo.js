// node demo.js: builds the bundled demo order (testdata/demo) and prints the answer.
import { Kopeck } from './kopeck.js';
import { readFile } from 'node:fs/promises';

const read = async (p) => JSON.parse(await readFile(new URL(p, import.meta.url), 'utf8'));
const kopeck = await Kopeck.open();
const answer = await kopeck.build({
  settings: await read('../../testdata/demo/demo.settings.json'),
  source: 'generic',
  order: await read('../../testdata/demo/demo.order.json'),
});
console.log(JSON.stringify(answer, null, 2));
await kopeck.close();
process.exitCode = answer.errors ? 1 : 0;
