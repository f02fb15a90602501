// `countersign restore` as a school runs it on the replacement computer: an incident begun on the old laptop (a
// simulated machine id) is restored here, signed off, exported, and `countersign verify` shows both computers' keys.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupVault } from '@main/services/backup';
import { systemClock } from '@main/services/clock';
import { runCli } from '@test/helpers/cli';
import { DSL, HEAD, incidentInReview, makeCore, setUp } from '../app/core-fixture';
import { tempDir } from '@test/helpers/temp-dirs';

const oldLaptopBackup = async () => {
  const f = await makeCore({ machineId: async () => 'the-old-laptop' });
  await setUp(f);
  const { ref, a } = await incidentInReview(f);
  await f.core.act(ref, a, {
    kind: 'judgement.made',
    data: { substance: true, actions: ['internal'], policeReasons: [] },
  });
  await f.core.act(ref, a, { kind: 'conclusion.recorded', data: { text: 'Upheld; handled under the policy.' } });
  await f.core.close();
  const root = await tempDir('cs-restore-cli-');
  const backup = (await backupVault(f.dataDir, join(root, 'usb'), systemClock)).path;
  const head = join(root, 'head.txt');
  const dsl = join(root, 'dsl.txt');
  await writeFile(head, `${HEAD.passphrase}\n`);
  await writeFile(dsl, `${DSL.passphrase}\n`);
  return { ref, root, backup, head, dsl, target: join(root, 'data') };
};

describe('countersign restore', () => {
  it('restores on this computer; the incident is finished here and verify shows both computers', async () => {
    const b = await oldLaptopBackup();
    const r = await runCli([
      'restore',
      '--from',
      b.backup,
      '--data',
      b.target,
      '--passphrase-file',
      b.head,
      '--passphrase-file',
      b.dsl,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const oldKey = /Former computer's key: ([0-9a-f]{64})/.exec(r.stdout)?.[1] ?? '';
    const newKey = /This computer's key: +([0-9a-f]{64})/.exec(r.stdout)?.[1] ?? '';
    expect(oldKey).toMatch(/^[0-9a-f]{64}$/);
    expect(newKey).toMatch(/^[0-9a-f]{64}$/);

    // This computer (its own machine id) continues the incident.
    const f = await makeCore({ dataDir: b.target });
    await f.core.unlock(DSL.passphrase);
    expect((await f.core.signOff(b.ref, [HEAD.passphrase, DSL.passphrase])).phase).toBe('sealed');
    const { job } = await f.core.startExport({
      ref: b.ref,
      recipient: 'Police',
      folder: b.root,
      passphrase: HEAD.passphrase,
    });
    const done = await f.core.exports.finished(job);
    expect(done).toMatchObject({ state: 'done', error: null });
    await f.core.close();

    const verified = await runCli(['verify', done.path ?? '']);
    expect(verified.code).toBe(0);
    const paper = verified.stdout.slice(verified.stdout.indexOf('Compare with the printed form'));
    expect(paper).toContain(`Computer's key fingerprint:`);
    expect(paper).toMatch(new RegExp(`key fingerprint: +${oldKey}`));
    expect(paper).toMatch(new RegExp(`Replacement computer \\(restored\\): +${newKey}`));
    const json = JSON.parse((await runCli(['verify', done.path ?? '', '--json'])).stdout) as {
      paper: { device: string; laterDevices?: string[] };
    };
    expect(json.paper).toMatchObject({ device: oldKey, laterDevices: [newKey] });
  });

  it('refuses one person, or a tampered backup, with exit 2 and a clear message, writing nothing', async () => {
    const b = await oldLaptopBackup();
    const one = await runCli(['restore', '--from', b.backup, '--data', b.target, '--passphrase-file', b.head]);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/needs two registered people's passphrases, or the recovery code/);
    await writeFile(join(b.backup, 'vault', 'vault.json'), '{}');
    const both = ['--passphrase-file', b.head, '--passphrase-file', b.dsl];
    const tampered = await runCli(['restore', '--from', b.backup, '--data', b.target, ...both]);
    expect(tampered.code).toBe(2);
    expect(tampered.stderr).toMatch(/vault\/vault.json does not match its sum/);
    expect((await runCli(['restore', '--data', b.target, ...both])).code).toBe(2);
    expect(await readdir(b.root)).not.toContain('data');
  });
});
