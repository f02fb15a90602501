// `countersign check --data <dir>`: exit 0 for an intact vault, 1 for a damaged one (each problem named), 2 when
// unreadable or misused.
import { createHash } from 'node:crypto';
import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '@test/helpers/cli';
import { incidentInReview, mustAppend, newVault, storeCapture, tempDir } from '@test/helpers/vault';
import { HEAD, makeCore, setUp } from '../app/core-fixture';

/** Every file under `dir` with the SHA-256 of its bytes: what a backup's manifest compares. */
const snapshot = async (dir: string): Promise<Record<string, string>> => {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) {
      const path = join(e.parentPath, e.name);
      out[path] = createHash('sha256')
        .update(await readFile(path))
        .digest('hex');
    }
  return out;
};

describe('countersign check', () => {
  it('changes no byte of an encrypted vault, not even the access log, when the passphrase is right', async () => {
    const f = await makeCore();
    await setUp(f);
    await f.core.close();
    const secret = join(await tempDir(), 'passphrase.txt');
    await writeFile(secret, `${HEAD.passphrase}\n`);
    const before = await snapshot(f.dataDir);
    const r = await runCli(['check', '--data', f.dataDir, '--passphrase-file', secret]);
    expect(r.code, r.stderr).toBe(0);
    expect(await snapshot(f.dataDir)).toEqual(before);
  });

  it('exits 0 on an intact vault and 1 once an entry is altered, naming it', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    await storeCapture(store, Buffer.from('png bytes'));
    await mustAppend(store, { kind: 'note.added', actor: 'ds', data: { text: 'The comment was posted at 21:14.' } });
    const good = await runCli(['check', '--data', vault.dataDir]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain(`OK      ${store.ref}`);

    const path = join(store.dir, 'journal.jsonl');
    await writeFile(path, (await readFile(path, 'utf8')).replace('21:14', '22:14'));
    const bad = await runCli(['check', '--data', vault.dataDir, '--json']);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout);
    expect(report.ok).toBe(false);
    expect(report.incidents[0].problems[0]).toMatchObject({ code: 'BAD_HASH' });
  });

  it('exits 1 naming ROLLED_BACK for a journal cut back to before the halt, with head.json deleted', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    const path = join(store.dir, 'journal.jsonl');
    const beforeHalt = await readFile(path);
    await mustAppend(store, { kind: 'review.halted', actor: 'ds', data: { url: 'http://127.0.0.1/halt/' } });
    await writeFile(path, beforeHalt);
    await rm(join(store.dir, 'head.json'));
    const r = await runCli(['check', '--data', vault.dataDir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`INVALID ${store.ref}`);
    expect(r.stdout).toMatch(/problem: journal.jsonl: Incident .* has been cut back/);
  });

  it('notes a torn last line without calling the vault invalid', async () => {
    const vault = await newVault();
    const store = await incidentInReview(vault);
    await appendFile(join(store.dir, 'journal.jsonl'), '{"seq":');
    const r = await runCli(['check', '--data', vault.dataDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/torn line of 7 bytes/);
  });

  it('exits 2 with a clear message when there is no vault, or when used wrongly', async () => {
    const empty = await tempDir();
    const none = await runCli(['check', '--data', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no Countersign vault/);
    expect((await runCli(['check'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });
});
