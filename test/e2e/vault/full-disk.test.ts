// A disk that fills up in the middle of a journal append (a 64 KiB tmpfs): a plain message, nothing half-recorded, and
// the journal reads back whole, on reopening and to `check`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CodedError } from '@shared/result';
import { checkVault } from '@main/services/check';
import { systemClock } from '@main/services/clock';
import { plainCodec } from '@main/services/codec';
import { Vault } from '@main/services/vault';
import { incidentInReview, mustAppend } from '@test/helpers/vault';

const mountPoint = mkdtempSync(join(tmpdir(), 'cs-full-disk-'));
const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', mountPoint], {
  encoding: 'utf8',
});
const mounted = mount.status === 0;
if (!mounted) console.log(`full-disk test skipped: mounting a tmpfs is not permitted here (${mount.stderr.trim()})`);

afterAll(() => {
  if (mounted) spawnSync('umount', [mountPoint], { stdio: 'ignore' });
  rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a full disk in the middle of a journal append (real ENOSPC, 64 KiB tmpfs)', () => {
  it('refuses with IO_ERROR saying the disk is full, and leaves a journal that reads back whole', async () => {
    const dataDir = join(mountPoint, 'data');
    const vault = await Vault.create(dataDir, { codec: plainCodec, clock: systemClock });
    const store = await incidentInReview(vault);
    const path = join(store.dir, 'journal.jsonl');
    let refusal: unknown = null;
    let written = store.journal.entries.length;
    // Notes of a few KiB each, until the disk is full: the one that does not fit is refused whole.
    for (let i = 0; i < 100 && refusal === null; i++) {
      await mustAppend(store, { kind: 'note.added', actor: 'ah', data: { text: `Note ${i}: ${'x'.repeat(3000)}` } })
        .then(() => {
          written = store.journal.entries.length;
        })
        .catch((e: unknown) => {
          refusal = e;
        });
    }
    expect(refusal).toBeInstanceOf(CodedError);
    expect((refusal as CodedError).code).toBe('IO_ERROR');
    expect((refusal as CodedError).message).toMatch(
      /^The journal entry could not be saved: the disk is full\. Nothing was half-written/,
    );
    const bytes = await readFile(path, 'utf8');
    expect(bytes.endsWith('\n')).toBe(true);
    expect(bytes.split('\n').filter(Boolean)).toHaveLength(written);

    const reopened = await (
      await Vault.open(dataDir, { codec: plainCodec, clock: systemClock })
    ).openIncident(store.ref);
    expect(reopened.journal.entries).toHaveLength(written);
    expect(reopened.journal.entries.some((e) => e.kind === 'recovery.torn-tail')).toBe(false);
    const report = await checkVault(dataDir, plainCodec);
    expect(report.problems).toEqual([]);
    expect(report.incidents[0]?.problems).toEqual([]);
  });
});
