// Exporting to a drive that fills up part-way (a 4 KiB tmpfs): a plain message, and nothing left on the drive.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CodedError } from '@shared/result';
import { exportBundle } from '@main/export/exporter';
import { buildIncident } from '@test/helpers/sample-incident';

/** Mounting needs root (CI runs as root); elsewhere the injected-EIO test in test/unit/bundle stands in. */
const mountPoint = mkdtempSync(join(tmpdir(), 'cs-full-drive-'));
const mounted =
  spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4k,mode=0700', 'tmpfs', mountPoint], { stdio: 'ignore' }).status === 0;

afterAll(() => {
  if (mounted) spawnSync('umount', [mountPoint], { stdio: 'ignore' });
  rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a full drive (real ENOSPC from a 4 KiB tmpfs)', () => {
  it('fails with IO_ERROR saying the drive is full, and leaves no file behind', async () => {
    const built = await buildIncident();
    const e = await exportBundle(built.input, join(mountPoint, 'bundle.zip')).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(CodedError);
    expect((e as CodedError).code).toBe('IO_ERROR');
    expect((e as CodedError).message).toMatch(/^The drive is full: the bundle does not fit in /);
    expect(await readdir(mountPoint)).toEqual([]);
  });
});
