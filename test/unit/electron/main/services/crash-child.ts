// Child process for the crash test: keeps storing captures and appending entries until it is killed.
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock } from '@main/services/clock';
import { plainCodec } from '@main/services/codec';
import { Vault } from '@main/services/vault';
import { incidentInReview, mustAppend, storeCapture } from '@test/helpers/vault';

const [dataDir, ref] = process.argv.slice(2);
if (!dataDir || !ref) throw new Error('usage: crash-child <dataDir> <ref>');
const deps = { codec: plainCodec, clock: systemClock };
const exists = await stat(join(dataDir, 'vault.json')).then(
  () => true,
  () => false,
);
const vault = exists ? await Vault.open(dataDir, deps) : await Vault.create(dataDir, deps);
const store = (await vault.listIncidents()).includes(ref)
  ? await vault.openIncident(ref)
  : await incidentInReview(vault, ref);
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const png = randomBytes(1024 + Math.floor(Math.random() * 96 * 1024));
  await storeCapture(store, png, `capture ${i}`);
  await mustAppend(store, {
    kind: 'note.added',
    actor: 'ds',
    data: { text: `note ${i} ${'x'.repeat(Math.floor(Math.random() * 3000))}` },
  });
}
