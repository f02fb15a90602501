// What a screenshot page prints of its capture's page record: the source's SHA-256, the server and the certificate.
import { describe, expect, it } from 'vitest';
import type { PageRecord } from '@shared/evidence/page-record';
import { pageRows } from '@shared/outputs/page-rows';

const SOURCE = { sha256: 'c0'.repeat(32), bytes: 12_345 };
const tls: PageRecord = {
  source: SOURCE,
  connection: {
    url: 'https://example.org/',
    ip: '93.184.215.14',
    port: 443,
    status: 200,
    protocol: 'h2',
    headers: [],
    tls: {
      protocol: 'TLS 1.3',
      cipher: 'AES_128_GCM',
      certificates: [
        {
          subject: 'C=US\nO=Example Inc\nCN=www.example.org',
          issuer: 'C=US\nO=DigiCert Inc\nCN=DigiCert Global G3 TLS ECC SHA384 2020 CA1',
          validFrom: '2026-01-15T00:00:00.000Z',
          validTo: '2027-01-15T23:59:59.000Z',
          sha256: 'ab'.repeat(32),
        },
        {
          subject: 'CN=DigiCert Global G3 TLS ECC SHA384 2020 CA1',
          issuer: 'CN=DigiCert Global Root G3',
          validFrom: '2021-04-14T00:00:00.000Z',
          validTo: '2031-04-13T23:59:59.000Z',
          sha256: 'cd'.repeat(32),
        },
      ],
    },
  },
};

describe('page rows on a screenshot page', () => {
  it("HTTPS: the source's hash and size, the server, status and TLS, and the server's certificate", () => {
    expect(pageRows(tls, 'Europe/London')).toEqual([
      { label: 'Page source', text: `${SOURCE.sha256}\n12,345 bytes of HTML`, mono: true },
      { label: 'Server', text: '93.184.215.14 port 443; HTTP 200 (h2); TLS 1.3, AES_128_GCM' },
      {
        label: 'Certificate',
        text:
          'www.example.org, issued by DigiCert Global G3 TLS ECC SHA384 2020 CA1, valid 15 January 2026 to ' +
          `15 January 2027 (+1 in the chain)\nSHA-256 ${'ab'.repeat(32)}`,
      },
    ]);
  });

  it('HTTP says it was not encrypted; a page with no response says so; an old capture prints nothing', () => {
    const plain: PageRecord = {
      source: SOURCE,
      connection: { url: 'http://a/', ip: '10.0.0.1', port: 80, status: 404, statusText: 'Not Found', headers: [] },
    };
    expect(pageRows(plain, 'Europe/London')[1]).toEqual({
      label: 'Server',
      text: '10.0.0.1 port 80; HTTP 404 Not Found; not encrypted (HTTP)',
    });
    expect(pageRows({ source: SOURCE }, 'Europe/London')[1]).toMatchObject({ label: 'Server', text: '' });
    expect(pageRows(undefined, 'Europe/London')).toEqual([]);
  });

  it("a hostile server's long certificate name is shortened", () => {
    const long = structuredClone(tls);
    const leaf = long.connection?.tls?.certificates[0];
    if (leaf) leaf.subject = `CN=${'x'.repeat(5000)}`;
    const text = pageRows(long, 'Europe/London')[2]?.text ?? '';
    expect(text.length).toBeLessThan(400);
    expect(text.startsWith(`${'x'.repeat(120)}…, issued by`)).toBe(true);
  });
});
