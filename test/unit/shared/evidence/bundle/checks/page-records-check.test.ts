// Page sources and connections against the captures in the journal, on bags the app would never write.
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '@shared/evidence/bundle/bytes';
import { connectionJsonText, connectionPath, sourcePath } from '@shared/evidence/bundle/page-files';
import type { AnyCommand } from '@shared/evidence/entries';
import type { PageRecord } from '@shared/evidence/page-record';
import { generateSigningKey, sha256Hex } from '@main/services/crypto';
import {
  capture,
  codes,
  fakePng,
  forgeBag,
  sealedJournal,
  toConclusionAfterHalt,
  verifyFiles,
} from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };

const HTML = utf8Encode('<!DOCTYPE html><html><head><title>P</title></head><body><img src="/a.png"></body></html>');
const page: PageRecord = {
  source: { sha256: sha256Hex(HTML), bytes: HTML.length },
  connection: {
    url: 'https://127.0.0.1/p',
    ip: '127.0.0.1',
    port: 443,
    status: 200,
    headers: [{ name: 'content-type', value: 'text/html' }],
    tls: {
      protocol: 'TLS 1.3',
      cipher: 'AES_128_GCM',
      certificates: [
        {
          subject: 'CN=127.0.0.1',
          issuer: 'CN=127.0.0.1',
          validFrom: '2026-11-24T00:00:00.000Z',
          validTo: '2026-11-25T00:00:00.000Z',
          sha256: 'ab'.repeat(32),
        },
      ],
    },
  },
};

const withPage = (png: Uint8Array): AnyCommand => {
  const c = capture(png) as Extract<AnyCommand, { kind: 'capture.taken' }>;
  return { ...c, data: { ...c.data, page } };
};

/** The files a consistent bag holds for one capture with its page record. */
const pageFiles = (
  png: Uint8Array,
  connection = connectionJsonText({ capture: sha256Hex(png), url: 'http://127.0.0.1/p', page }),
) => [
  { path: sourcePath(page.source.sha256), bytes: HTML },
  { path: connectionPath(sha256Hex(png)), bytes: utf8Encode(connection) },
];

describe('page sources and connections (signed with the real device key)', () => {
  it('a consistent bag is VALID, and the check is reported as passed', async () => {
    const e = sealedJournal(device, keys, [withPage(fakePng(1))]);
    const r = await verifyFiles(await forgeBag(e, device, keys, [fakePng(1)], { extra: pageFiles(fakePng(1)) }));
    expect(r.problems).toEqual([]);
    expect(r.checks.find((c) => c.id === 'pages')?.result).toBe('passed');
  });

  it('a source altered under its own name, re-listed in a re-signed manifest', async () => {
    const e = sealedJournal(device, keys, [withPage(fakePng(1))]);
    const [source, connection] = pageFiles(fakePng(1));
    const altered = utf8Encode(Buffer.from(HTML).toString('utf8').replace('/a.png', '/b.png'));
    const bag = await forgeBag(e, device, keys, [fakePng(1)], {
      extra: [{ path: source?.path ?? '', bytes: altered }, ...(connection ? [connection] : [])],
    });
    expect(codes(await verifyFiles(bag))).toEqual(['PAGE_SOURCE_ALTERED']);
  });

  it("a connection that names another server than the journal's", async () => {
    const e = sealedJournal(device, keys, [withPage(fakePng(1))]);
    const other = connectionJsonText({
      capture: sha256Hex(fakePng(1)),
      url: 'http://127.0.0.1/p',
      page: {
        ...page,
        connection: { ...page.connection, ip: '10.0.0.9', url: 'https://127.0.0.1/p', status: 200, headers: [] },
      },
    });
    const bag = await forgeBag(e, device, keys, [fakePng(1)], { extra: pageFiles(fakePng(1), other) });
    expect(codes(await verifyFiles(bag))).toEqual(['PAGE_CONNECTION_MISMATCH']);
  });

  it('the source and connection left out', async () => {
    const e = sealedJournal(device, keys, [withPage(fakePng(1))]);
    const r = await verifyFiles(await forgeBag(e, device, keys, [fakePng(1)]));
    expect(codes(r)).toEqual(['PAGE_CONNECTION_MISMATCH', 'PAGE_SOURCE_MISSING']);
  });

  it("a purged capture's source and connection shipped in the bundle", async () => {
    const sha = sha256Hex(fakePng(1));
    const e = sealedJournal(
      device,
      keys,
      [
        withPage(fakePng(1)),
        { kind: 'review.halted', actor: 'ds', data: { url: 'http://127.0.0.1/halt' } },
        { kind: 'halt.purge-decided', actor: 'ds', data: { captures: [sha] } },
        { kind: 'capture.purged', actor: 'ds', data: { sha256: sha, fileDestroyed: true } },
      ],
      [],
      toConclusionAfterHalt,
    );
    const r = await verifyFiles(await forgeBag(e, device, keys, [], { extra: pageFiles(fakePng(1)) }));
    expect(codes(r)).toEqual(['PAGE_FILE_UNRECORDED']);
    expect(r.problems.map((p) => p.where).sort()).toEqual([connectionPath(sha), sourcePath(page.source.sha256)].sort());
  });
});
