// Exporting a real incident: what lands on disk, progress, refusals before anything is written, cancellation and failed
// drives.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { incidentJsonText } from '@shared/evidence/bundle/incident-json';
import { connectionPath, sourcePath } from '@shared/evidence/bundle/page-files';
import { keptPages } from '@shared/evidence/page-record';
import { recordDigestOf, sealedHeadOf } from '@shared/evidence/record-anchors';
import { profileCanonicalJson } from '@shared/policy/profile-registry';
import { MILFORD_HAVEN } from '@shared/policy/profiles/milford-haven';
import { CodedError } from '@shared/result';
import { bagFiles, exportBundle, type ExportInput } from '@main/export/exporter';
import type { PdfMetadata } from '@main/export/pdf-stamp';
import { nodeIo, type ExportIo } from '@main/export/zip';
import { openBundle } from '@main/verify/bundle-reader';
import { nodeCrypto, sha256Hex } from '@main/services/crypto';
import { verifyBundleAt } from '@main/verify/verify-report';
import { bagitValidate, hasBagitPython } from '@test/helpers/outside-tools';
import { tempDir } from '@test/helpers/vault';
import { buildIncident, minimalPdf, RECORDED_PROFILE, type BuiltIncident } from '@test/helpers/sample-incident';

let plain: BuiltIncident;
let halted: BuiltIncident;

beforeAll(async () => {
  [plain, halted] = await Promise.all([buildIncident(), buildIncident({ halt: true })]);
});

const failure = async (p: Promise<unknown>): Promise<CodedError> => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof CodedError)) throw new Error(`expected a CodedError, got ${String(e)}`);
  return e;
};

describe('export', () => {
  it('writes one zip under the final name: a single folder named after the incident, and it verifies', async () => {
    const dir = await tempDir();
    const out = join(dir, 'bundle.zip');
    const r = await exportBundle(plain.input, out);
    const bytes = await readFile(out);
    expect(r).toEqual({ path: out, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
    expect(await readdir(dir)).toEqual(['bundle.zip']);
    const opened = await openBundle(out);
    expect(opened.source.rootName).toBe(plain.store.ref);
    expect([...opened.source.files.keys()].sort()).toEqual(
      [
        'bag-info.txt',
        'bagit.txt',
        'data/VERIFY.txt',
        'data/case.jsonld',
        'data/form.pdf',
        'data/incident.json',
        'data/journal.jsonl',
        'data/policy.json',
        'data/screenshots.pdf',
        ...plain.live.map((s) => `data/screenshots/${s}.png`).sort(),
        ...plain.live.map((s) => connectionPath(s)),
        ...new Set(keptPages(plain.store.journal.entries).map((p) => sourcePath(p.page.source.sha256))),
        'data/urls.csv',
        'manifest-sha256.txt',
        'signatures/ah.pub.pem',
        'signatures/ah.sig',
        'signatures/device.pub.pem',
        'signatures/device.sig',
        'tagmanifest-sha256.txt',
      ].sort(),
    );
    await opened.close();
    const report = await verifyBundleAt({ path: out });
    expect(report.problems).toEqual([]);
    expect(report.status).toBe('valid');
    expect(report.formatVersion).toBe(2);
  });

  it('the journal in the bundle is the plain journal, byte for byte', async () => {
    const files = await bagFiles(plain.input);
    const journal = files.find((f) => f.path === 'data/journal.jsonl');
    expect(Buffer.from(journal?.bytes ?? new Uint8Array())).toEqual(
      await readFile(join(plain.store.dir, 'journal.jsonl')),
    );
  });

  it(
    'a halted incident: the purged capture is absent, and ' +
      'VERIFY.txt says why no image of the halted content exists',
    async () => {
      const files = await bagFiles(halted.input);
      const paths = files.map((f) => f.path);
      expect(paths).toContain(`data/screenshots/${halted.live[0]}.png`);
      expect(paths.some((p) => p.includes(halted.purged[0] ?? '-'))).toBe(false);
      const verify = Buffer.from(files.find((f) => f.path === 'data/VERIFY.txt')?.bytes ?? new Uint8Array()).toString();
      expect(verify).toMatch(/No image of the halted content exists in this bundle, and the purged captures were/);
      expect(
        Buffer.from(
          (await bagFiles(plain.input)).find((f) => f.path === 'data/VERIFY.txt')?.bytes ?? new Uint8Array(),
        ).toString(),
      ).not.toMatch(/halted/);
    },
  );

  it(
    'illegal content suspected at triage: no screenshots, ' + 'VERIFY.txt says no review took place, and it verifies',
    async () => {
      const triage = await buildIncident({ triageIllegal: true });
      const files = await bagFiles(triage.input);
      expect(files.some((f) => f.path.startsWith('data/screenshots/'))).toBe(false);
      expect(
        Buffer.from(files.find((f) => f.path === 'data/VERIFY.txt')?.bytes ?? new Uint8Array()).toString(),
      ).toMatch(/WHY THERE ARE NO SCREENSHOTS[\s\S]*no review took place on this computer/);
      const out = join(await tempDir(), 'triage.zip');
      await exportBundle(triage.input, out);
      const report = await verifyBundleAt({ path: out });
      expect(report.problems).toEqual([]);
      expect(report.screenshots).toBe(0);
    },
  );

  it('an incident not yet signed off: the bundle is INVALID, saying so (it was VALID with a note before)', async () => {
    const open = await buildIncident({ signoff: false });
    const out = join(await tempDir(), 'unsigned.zip');
    await exportBundle(open.input, out);
    const report = await verifyBundleAt({ path: out });
    expect(report.status).toBe('invalid');
    expect(report.problems.map((p) => p.code)).toEqual(['NOT_SIGNED_OFF']);
    expect(report.verdict).toMatch(/^INVALID: the record was never signed off by A. Head \(ah\) or D. Lead \(ds\)/);
  });

  it(
    'incident.json is the record rebuilt from the journal ' +
      'and the profile; policy.json hashes to the recorded profile',
    async () => {
      const files = await bagFiles(plain.input);
      const text = (p: string) =>
        Buffer.from(files.find((f) => f.path === p)?.bytes ?? new Uint8Array()).toString('utf8');
      expect(text('data/incident.json')).toBe(
        incidentJsonText(nodeCrypto, plain.store.journal.entries, plain.input.profile),
      );
      expect(text('data/policy.json')).toBe(profileCanonicalJson(plain.input.profile));
      expect(sha256Hex(text('data/policy.json'))).toBe(RECORDED_PROFILE.sha256);
      expect(JSON.parse(text('data/incident.json'))).toMatchObject({ version: 2, ref: plain.store.ref });
    },
  );

  it('the PDFs carry the reference, record digest and sealed head in their metadata (pdfinfo reads them)', async () => {
    const files = await bagFiles(plain.input);
    const entries = plain.store.journal.entries;
    const head = sealedHeadOf(entries);
    for (const p of ['data/form.pdf', 'data/screenshots.pdf']) {
      const path = join(await tempDir(), 'x.pdf');
      await writeFile(path, files.find((f) => f.path === p)?.bytes ?? new Uint8Array());
      const info = spawnSync('pdfinfo', ['-custom', path], { encoding: 'utf8' }).stdout;
      expect(info).toMatch(new RegExp(`^CountersignRef:\\s*${plain.store.ref}$`, 'm'));
      expect(info).toMatch(new RegExp(`^CountersignRecordDigest:\\s*${recordDigestOf(entries)}$`, 'm'));
      expect(info).toMatch(new RegExp(`^CountersignSealedHead:\\s*${head?.seq}:${head?.hash}$`, 'm'));
    }
  });

  it('screenshots.pdf goes into the bundle byte for byte as made, made with the marks of the journal', async () => {
    const made = minimalPdf('Screenshots', 200_000);
    const given: PdfMetadata[] = [];
    const files = await bagFiles({
      ...plain.input,
      screenshotsPdf: (marks) => {
        given.push(marks);
        return made;
      },
    });
    const entries = plain.store.journal.entries;
    const ref = plain.store.ref;
    expect(given).toEqual([
      {
        title: `Screenshots ${ref}`,
        subject: `Countersign incident ${ref}, record digest ${recordDigestOf(entries)}`,
        ref,
        recordDigest: recordDigestOf(entries),
        sealedHead: sealedHeadOf(entries),
      },
    ]);
    const written = files.find((f) => f.path === 'data/screenshots.pdf')?.bytes ?? new Uint8Array();
    expect(Buffer.from(written).equals(Buffer.from(made))).toBe(true);
  });

  it('reports progress by bytes, never going back, ending at the total', async () => {
    const seen: [number, number][] = [];
    await exportBundle(plain.input, join(await tempDir(), 'b.zip'), { onProgress: (d, t) => seen.push([d, t]) });
    const total = (await bagFiles(plain.input))
      .filter((f) => f.path.startsWith('data/'))
      .reduce((n, f) => n + f.bytes.length, 0);
    expect(seen.length).toBeGreaterThan(5);
    // screenshots.pdf's size is known only once it is made: until then the total is what it is expected to weigh.
    expect(seen.every(([d, t]) => d <= t)).toBe(true);
    expect(seen.filter(([d]) => d > total - 10_000).every(([, t]) => t === total)).toBe(true);
    expect(seen.every(([d], i) => i === 0 || d >= (seen[i - 1]?.[0] ?? 0))).toBe(true);
    expect(seen.at(-1)).toEqual([total, total]);
  });
});

describe.skipIf(!hasBagitPython())("the bag as exported, checked by the Library of Congress's bagit-python", () => {
  it('is a valid BagIt bag, normal or halted; a changed journal byte is caught', async () => {
    const writeBag = async (input: typeof plain.input) => {
      const bag = join(await tempDir(), input.ref);
      for (const f of await bagFiles(input)) {
        await mkdir(dirname(join(bag, f.path)), { recursive: true });
        await writeFile(join(bag, f.path), f.bytes);
      }
      return bag;
    };
    for (const input of [plain.input, halted.input]) {
      const r = bagitValidate(await writeBag(input));
      expect(r.status, r.out).toBe(0);
    }
    const bag = await writeBag(plain.input);
    const journal = join(bag, 'data/journal.jsonl');
    await writeFile(journal, (await readFile(journal, 'utf8')).replace('post/1', 'post/8'));
    const r = bagitValidate(bag);
    expect(r.status).toBe(1);
    expect(r.out).toContain('data/journal.jsonl sha256 validation failed');
  });
});

describe('export refuses before writing anything', () => {
  const refused = async (input: typeof plain.input, code: string, message: RegExp, password?: string) => {
    const dir = await tempDir();
    const e = await failure(exportBundle(input, join(dir, 'b.zip'), password === undefined ? {} : { password }));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    expect(await readdir(dir)).toEqual([]);
  };

  it('a purged capture, which must never leave the vault', () =>
    refused(
      {
        ...halted.input,
        screenshots: [...halted.input.screenshots, { sha256: halted.purged[0] ?? '', bytes: new Uint8Array([1]) }],
      },
      'INVALID_INPUT',
      /purged/,
    ));

  it('a capture left out', () =>
    refused(
      { ...plain.input, screenshots: plain.input.screenshots.slice(1) },
      'INVALID_INPUT',
      /missing from the export/,
    ));

  it('a capture whose bytes do not match its hash', () =>
    refused(
      {
        ...plain.input,
        screenshots: plain.input.screenshots.map((s, i) =>
          i === 0 && s.bytes instanceof Uint8Array
            ? { ...s, bytes: Uint8Array.from(s.bytes, (b, j) => (j === 40 ? b ^ 1 : b)) }
            : s,
        ),
      },
      'CORRUPT',
      /altered/,
    ));

  it('a journal that is not intact', () =>
    refused(
      {
        ...plain.input,
        journalLines: plain.input.journalLines.map((l, i) => (i === 8 ? l.replace('post/1', 'post/9') : l)),
      },
      'CORRUPT',
      /not intact.*entry 8/,
    ));

  it('a halt flag that disagrees with the journal', () =>
    refused({ ...plain.input, halted: true }, 'INVALID_INPUT', /records no halt/));

  it('no device signer, or no reviewer signer', async () => {
    await refused(
      { ...plain.input, signers: plain.input.signers.filter((s) => s.name !== 'device') },
      'INVALID_INPUT',
      /device must sign/,
    );
    await refused(
      { ...plain.input, signers: plain.input.signers.filter((s) => s.name === 'device') },
      'INVALID_INPUT',
      /reviewer must sign/,
    );
  });

  it('a reviewer signing with a key that is not the one registered for them', () =>
    refused(
      {
        ...plain.input,
        signers: [plain.input.signers[0], { name: 'ah', signer: plain.staff.ds }].flatMap((s) => (s ? [s] : [])),
      },
      'INVALID_INPUT',
      /not the key registered for ah/,
    ));

  it('an empty password', () => refused(plain.input, 'INVALID_INPUT', /password is empty/, ''));

  it('a policy profile other than the one the incident was opened under', () =>
    refused({ ...plain.input, profile: MILFORD_HAVEN }, 'INVALID_INPUT', /not the one in force when incident/));
});

describe('cancelled or failed: nothing under the final name, no temporary file left', () => {
  it('cancelled part-way through', async () => {
    const dir = await tempDir();
    const ac = new AbortController();
    const e = await failure(
      exportBundle(plain.input, join(dir, 'b.zip'), { signal: ac.signal, onProgress: (d) => d > 0 && ac.abort() }),
    );
    expect(e.code).toBe('CANCELLED');
    expect(await readdir(dir)).toEqual([]);
  });

  it('cancelled: an earlier bundle under the same name is left as it was', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'b.zip'), 'earlier bundle');
    const ac = new AbortController();
    ac.abort();
    expect((await failure(exportBundle(plain.input, join(dir, 'b.zip'), { signal: ac.signal }))).code).toBe(
      'CANCELLED',
    );
    expect(await readFile(join(dir, 'b.zip'), 'utf8')).toBe('earlier bundle');
    expect(await readdir(dir)).toEqual(['b.zip']);
  });

  it('the drive removed mid-write (EIO from the file system): a plain message, the partial file removed', async () => {
    const dir = await tempDir();
    let written = 0;
    const removedDrive: ExportIo = {
      ...nodeIo,
      async create(path) {
        const sink = await nodeIo.create(path);
        return {
          ...sink,
          async write(bytes) {
            // The drive goes after its first 4,000 bytes.
            const fits = Math.max(0, Math.min(bytes.length, 4000 - written));
            await sink.write(bytes.subarray(0, fits));
            written += fits;
            if (fits < bytes.length) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
          },
        };
      },
    };
    const e = await failure(exportBundle(plain.input, join(dir, 'b.zip'), {}, removedDrive));
    expect(written).toBe(4000);
    expect(e.code).toBe('IO_ERROR');
    expect(e.message).toMatch(/^The drive could not be written: it was removed or is failing/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a folder that does not exist', async () => {
    const e = await failure(exportBundle(plain.input, join(await tempDir(), 'gone', 'b.zip')));
    expect(e.code).toBe('IO_ERROR');
    expect(e.message).toMatch(/does not exist, or the drive was removed/);
  });
});

describe('a streamed export: captures read from the vault and screenshots.pdf as it is made', () => {
  /** The same incident, but every capture streamed from the vault and screenshots.pdf arriving in small pieces. */
  const streamed = (built: BuiltIncident, pdf = Buffer.alloc(0), selfChecked = false): ExportInput => ({
    ...built.input,
    screenshots: built.input.screenshots.map((s) => ({
      sha256: s.sha256,
      size: s.bytes instanceof Uint8Array ? s.bytes.length : 0,
      bytes: async () => (await built.store.fileStream(s.sha256)).stream,
      // The vault's streams check their own hash, as the app marks them: the exporter then does not hash them again.
      ...(selfChecked ? { selfChecked: true } : {}),
    })),
    screenshotsPdf: async (marks) => {
      const made = await built.input.screenshotsPdf(marks);
      const bytes = pdf.length > 0 ? pdf : Buffer.from(made instanceof Uint8Array ? made : new Uint8Array());
      return new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 4096) controller.enqueue(bytes.subarray(at, at + 4096));
          controller.close();
        },
      });
    },
  });

  it.each([false, true])(
    'writes the same bundle as from memory, verifies, and its progress follows the bytes (self-checked: %s)',
    async (selfChecked) => {
      const seen: [number, number][] = [];
      const out = join(await tempDir(), 'b.zip');
      await exportBundle(streamed(plain, undefined, selfChecked), out, { onProgress: (d, t) => seen.push([d, t]) });
      const manifest = spawnSync('7zz', ['e', '-so', out, `${plain.store.ref}/manifest-sha256.txt`]).stdout.toString();
      for (const s of plain.input.screenshots)
        expect(manifest).toContain(`${s.sha256}  data/screenshots/${s.sha256}.png`);
      expect((await verifyBundleAt({ path: out })).status).toBe('valid');
      const payload = (await bagFiles(plain.input))
        .filter((f) => f.path.startsWith('data/'))
        .reduce((n, f) => n + f.bytes.length, 0);
      expect(seen.every(([d], i) => i === 0 || d >= (seen[i - 1]?.[0] ?? 0))).toBe(true);
      expect(seen.every(([d, t]) => d <= t)).toBe(true);
      expect(seen.at(-1)).toEqual([payload, payload]);
    },
  );

  it('cancelled at any byte: CANCELLED, and nothing under the final name or beside it', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.3\n'), randomBytes(600_000)]);
    const total = (await bagFiles(streamed(plain, pdf)))
      .filter((f) => f.path.startsWith('data/'))
      .reduce((n, f) => n + f.bytes.length, 0);
    for (const fraction of [0, 0.05, 0.3, 0.6, 0.9, 0.999]) {
      const dir = await tempDir();
      const ac = new AbortController();
      const at = Math.floor(total * fraction);
      const e = await failure(
        exportBundle(streamed(plain, pdf), join(dir, 'b.zip'), {
          signal: ac.signal,
          onProgress: (d) => d >= at && ac.abort(),
        }),
      );
      expect(e.code, `cancelled at ${fraction}`).toBe('CANCELLED');
      expect(await readdir(dir), `cancelled at ${fraction}`).toEqual([]);
    }
  });

  it('a form still printing is awaited in its turn: captures and screenshots.pdf are written meanwhile', async () => {
    const { formPdf } = plain.input;
    let print: (pdf: Uint8Array) => void = () => undefined;
    const printing = new Promise<Uint8Array>((resolve) => (print = resolve));
    let writtenBeforePrinted = 0;
    // Everything the payload holds before the form: the records, the captures, their pages and screenshots.pdf.
    const after = ['data/form.pdf', 'data/urls.csv', 'data/policy.json', 'data/case.jsonld', 'data/VERIFY.txt'];
    const files = (await bagFiles(plain.input)).filter((f) => f.path.startsWith('data/'));
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining([...after, 'data/screenshots.pdf']));
    const before = files.filter((f) => !after.includes(f.path)).reduce((n, f) => n + f.bytes.length, 0);
    const out = join(await tempDir(), 'b.zip');
    await exportBundle({ ...streamed(plain), formPdf: printing }, out, {
      // The form is printed only once every capture's bytes and screenshots.pdf's are in: an export that waited for it
      // before writing them would never end (the form went before screenshots.pdf until 3 December).
      onProgress: (done) => {
        if (writtenBeforePrinted === 0 && done >= before) {
          writtenBeforePrinted = done;
          print(formPdf instanceof Uint8Array ? formPdf : new Uint8Array());
        }
      },
    });
    expect(writtenBeforePrinted).toBeGreaterThan(0);
    expect((await verifyBundleAt({ path: out })).status).toBe('valid');
    const form = files.find((f) => f.path === 'data/form.pdf');
    const inZip = spawnSync('7zz', ['e', '-so', out, `${plain.store.ref}/data/form.pdf`], { maxBuffer: 1 << 24 });
    expect(sha256Hex(inZip.stdout)).toBe(sha256Hex(form?.bytes ?? new Uint8Array()));
    // Seconds here; an export waiting for the form would wait for ever.
  }, 30_000);

  it('a form whose printing fails: the export fails, and no bundle is left', async () => {
    const dir = await tempDir();
    const e = await failure(
      exportBundle(
        { ...streamed(plain), formPdf: Promise.reject(new CodedError('INTERNAL', 'The printer stopped.')) },
        join(dir, 'b.zip'),
      ),
    );
    expect(e.message).toMatch(/printer stopped/);
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([false, true])(
    'a capture altered in the vault is found as it streams: CORRUPT, and no bundle is left (self-checked: %s)',
    async (selfChecked) => {
      const built = await buildIncident();
      const sha = built.live[0] ?? '';
      const path = join(built.store.dir, 'files', sha);
      const stored = await readFile(path);
      stored.writeUInt8(stored.readUInt8(stored.length - 3) ^ 1, stored.length - 3);
      await writeFile(path, stored);
      const dir = await tempDir();
      const e = await failure(exportBundle(streamed(built, undefined, selfChecked), join(dir, 'b.zip')));
      expect(e.code).toBe('CORRUPT');
      expect(await readdir(dir)).toEqual([]);
    },
  );
});
