// The bundles the stand-alone verifier is tried on, as zips on disk: the tamper cases of the verifier's own tests
// (the forged and the never-signed-off bundles of issue 11 among them), a real export locked and not, and hostile zips.
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VerifyPins } from '@shared/evidence/bundle/bundle-report';
import { utf8Encode } from '@shared/evidence/bundle/bytes';
import { recordDigestOf } from '@shared/evidence/record-anchors';
import { exportBundle } from '@main/export/exporter';
import { writeZipFile } from '@main/export/zip';
import { generateSigningKey } from '@main/services/crypto';
import {
  addendum,
  capture,
  fakePng,
  forgeBag,
  forgeJournal,
  opened,
  REF,
  sealedJournal,
  toConclusion,
  toReview,
} from '@test/helpers/forge-bundle';
import { buildIncident, minimalPdf } from '@test/helpers/sample-incident';

export interface TamperCase {
  name: string;
  /** The zip's file name (the report names the bundle by it). */
  file: string;
  password?: string;
  pins?: VerifyPins;
}

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };
const stranger = generateSigningKey().signer;

const zipBag = async (dir: string, file: string, bag: ReadonlyMap<string, Uint8Array>, password?: string) => {
  await writeZipFile(
    join(dir, file),
    [...bag].map(([p, bytes]) => ({ name: `${REF}/${p}`, bytes, store: p.endsWith('.png') || p.endsWith('.pdf') })),
    { lastModDate: new Date(Date.UTC(2026, 10, 24)), ...(password ? { password } : {}) },
  );
};

/** Writes a zip with Python's zipfile: `entries` is Python code adding entries to the ZipFile `z`. */
const pyZip = (path: string, entries: string): void => {
  const body = entries
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  const program = `import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w') as z:\n${body}\n`;
  const r = spawnSync('python3', ['-W', 'ignore', '-c', program, path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
};

const BAGIT = `z.writestr('CS-X/bagit.txt', 'BagIt-Version: 1.0\\nTag-File-Character-Encoding: UTF-8\\n')`;

/** Writes every case's zip into `dir` and says how each is to be checked. */
export const writeTamperCases = async (dir: string): Promise<TamperCase[]> => {
  const cases: TamperCase[] = [];
  const add = async (name: string, bag: Promise<Map<string, Uint8Array>>, extra: Partial<TamperCase> = {}) => {
    const file = `${cases.length + 1}-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}.zip`;
    await zipBag(dir, file, await bag, extra.password);
    cases.push({ name, file, ...extra });
  };
  const entries = sealedJournal(device, keys, [capture(fakePng(1))]);
  const good = () => forgeBag(entries, device, keys, [fakePng(1)]);
  const paper = { device: device.fingerprint, reviewers: [keys.ah.fingerprint, keys.ds.fingerprint] };

  await add('a consistent bundle, signed off by both', good());
  await add('the same, pinned to the paper', good(), {
    pins: { ...paper, digest: recordDigestOf(entries)?.slice(0, 16) },
  });
  await add('the same, locked with a password', good(), { password: 'correct horse' });
  await add('pinned to another computer', good(), { pins: { device: stranger.fingerprint.slice(0, 16) } });
  await add('pinned to a reviewer who did not sign it off', good(), { pins: { reviewers: [stranger.fingerprint] } });
  const d = generateSigningKey().signer;
  const k = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };
  const made = sealedJournal(d, k, [capture(fakePng(9))]);
  await add(
    'issue 11: forged from scratch, fresh keys, placeholder incident.json',
    forgeBag(made, d, k, [fakePng(9)], {
      replace: {
        'data/incident.json': utf8Encode('{"placeholder":true}'),
        'data/form.pdf': minimalPdf('form'),
        'data/screenshots.pdf': minimalPdf('shots'),
      },
    }),
  );
  await add('the forged bundle, pinned to the real paper', forgeBag(made, d, k, [fakePng(9)]), { pins: paper });
  const unsigned = forgeJournal(device, [
    opened(device.fingerprint, ['ah', 'ds'], keys),
    ...toReview,
    capture(fakePng(1)),
    ...toConclusion,
  ]);
  await add(
    'issue 11: never signed off, signed by a stranger',
    forgeBag(unsigned, device, keys, [fakePng(1)], { signers: [['mallory', stranger]] }),
  );
  await add(
    'an addendum signed with a key that is not recorded',
    forgeBag(sealedJournal(device, keys, [], [addendum('ah', stranger, 'More.')]), device, keys, []),
  );
  await add(
    'a screenshot changed after export',
    good().then((bag) =>
      bag.set(
        `data/screenshots/${[...bag.keys()]
          .find((p) => p.endsWith('.png'))
          ?.split('/')
          .pop()}`,
        fakePng(2),
      ),
    ),
  );
  await add(
    'form.pdf left out',
    good().then((bag) => {
      bag.delete('data/form.pdf');
      return bag;
    }),
  );
  await add(
    'urls.csv changed',
    good().then((bag) => bag.set('data/urls.csv', utf8Encode('url\nhttp://x/\n'))),
  );
  await add(
    'case.jsonld changed, re-signed with the real keys',
    forgeBag(entries, device, keys, [fakePng(1)], { replace: { 'data/case.jsonld': utf8Encode('{"@graph":[]}\n') } }),
  );
  await add('a format-1 bundle', forgeBag(entries, device, keys, [fakePng(1)], { format: 1 }));

  const built = await buildIncident();
  await exportBundle(built.input, join(dir, 'real-export.zip'));
  cases.push({ name: 'a real export', file: 'real-export.zip' });
  await exportBundle(built.input, join(dir, 'real-export-locked.zip'), { password: 'pass phrase' });
  cases.push({ name: 'a real export, locked', file: 'real-export-locked.zip', password: 'pass phrase' });
  cases.push({ name: 'a locked export, no password', file: 'real-export-locked.zip' });
  cases.push({ name: 'a locked export, wrong password', file: 'real-export-locked.zip', password: 'guess' });

  const hostile: [string, string][] = [
    ['a path that climbs out', `${BAGIT}\nz.writestr('CS-X/../../evil', 'x')`],
    ['an absolute path', `${BAGIT}\nz.writestr('/etc/evil', 'x')`],
    ['a backslash', `${BAGIT}\nz.writestr('CS-X\\\\data\\\\x.txt', 'x')`],
    [
      'a symbolic link',
      `${BAGIT}\ni = zipfile.ZipInfo('CS-X/data/link')\ni.create_system = 3\n` +
        `i.external_attr = 0o120777 << 16\nz.writestr(i, '/etc/passwd')`,
    ],
    ['the same name twice', `${BAGIT}\n${BAGIT}`],
    [
      'a zip bomb',
      `${BAGIT}\nz.writestr(zipfile.ZipInfo('CS-X/data/big.bin'), bytes(20 * 1024 * 1024), ` +
        'compress_type=zipfile.ZIP_DEFLATED)',
    ],
  ];
  for (const [name, entries] of hostile) {
    const file = `${cases.length + 1}-hostile.zip`;
    pyZip(join(dir, file), entries);
    cases.push({ name: `hostile: ${name}`, file });
  }
  await writeFile(join(dir, 'not-a-zip.zip'), 'this is not a zip file\n');
  cases.push({ name: 'not a zip at all', file: 'not-a-zip.zip' });
  return cases;
};
