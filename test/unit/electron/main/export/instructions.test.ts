// VERIFY.txt: the stand-alone verifier comes first, before the checks by hand; and its Python check of the chain
// computes the same RFC 8785 canonical form as Countersign, for the values a journal can hold (awkward numbers, every
// kind of string a hostile page can give, keys in UTF-16 order).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@shared/evidence/chain';
import { CHAIN_SCRIPT, verifyText } from '@main/export/instructions';

/** The script's own canonical form, run by python3 over JSON lines as JavaScript writes them. */
const pythonCanonical = (values: readonly unknown[]): string[] => {
  const defs = CHAIN_SCRIPT.slice(0, CHAIN_SCRIPT.indexOf('prev, count, head'));
  const program = `${defs}
import sys
for line in sys.stdin.read().split('\\n'):
    if line:
        sys.stdout.buffer.write((canonical(json.loads(line)) + '\\n').encode('utf-8', 'surrogatepass'))
`;
  const r = spawnSync('python3', ['-c', program], {
    input: values.map((v) => JSON.stringify(v)).join('\n'),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.split('\n').slice(0, -1);
};

describe("VERIFY.txt's canonical JSON", () => {
  it('agrees with Countersign on numbers, strings and key order', () => {
    const numbers = [
      0,
      -0,
      1,
      -1,
      0.1 + 0.2,
      1.5,
      -2.25,
      1e-6,
      1e-7,
      1.5e-7,
      123e-20,
      1e16,
      1e20,
      1e21,
      1.2345e25,
      5e-324,
      1.7976931348623157e308,
      2 ** 53,
      2 ** 53 + 2,
      4294967295.5,
      12345678.901,
      0.000123,
    ];
    const strings = [
      '',
      'plain',
      'control \u0000\u0001\u0008\t\n\u000b\f\r\u001f\u007f\u0085',
      'separators \u2028\u2029, bidi \u202e, BOM \ufeff',
      'quotes " and \\ and /',
      'pairs 😀 𝌆 and é / é',
      '\ufffd replacement',
    ];
    const values: unknown[] = [
      ...numbers.map((n) => ({ n })),
      ...strings.map((s) => ({ s })),
      { b: 1, a: 2, B: 3, é: 4, '😀': 5, '\uff61': 6, '10': 7, '9': 8 },
      { nested: [{ z: null, y: true, x: false }, [], {}], deep: { a: [1, [2, [3]]] } },
    ];
    expect(pythonCanonical(values)).toEqual(values.map((v) => canonicalJson(v)));
  });
});

describe('VERIFY.txt', () => {
  const text = verifyText({
    ref: 'CS-20261124-F0F0F0',
    version: '0.1.0',
    baggingDate: '2026-11-24',
    signers: [{ name: 'device', fingerprint: 'a'.repeat(64) }],
    locked: null,
    screenshots: 1,
  });

  it('describes the stand-alone verifier first, before the openssl route, and how to check the file itself', () => {
    const verifier = text.indexOf('Open countersign-verifier.html in Microsoft Edge, Google Chrome or Mozilla Firefox');
    expect(verifier).toBeGreaterThan(0);
    expect(verifier).toBeLessThan(text.indexOf('openssl'));
    expect(verifier).toBeLessThan(text.indexOf('sha256sum -c manifest-sha256.txt'));
    expect(text).toContain('sha256sum -c countersign-verifier.html.sha256');
    expect(text).toContain('the release of Countersign 0.1.0');
    expect(text).toMatch(/never from whoever sent this bundle/);
  });
});

describe('VERIFY.txt and page records', () => {
  const input = {
    ref: 'CS-20261124-F0F0F0',
    version: '0.1.0',
    baggingDate: '2026-11-24',
    signers: [{ name: 'device', fingerprint: 'a'.repeat(64) }],
    locked: null,
    screenshots: 2,
  };

  it('says where the page sources and connections are and how to check a source by hand', () => {
    const text = verifyText({ ...input, pages: 2 });
    expect(text).toContain('PAGE SOURCES AND CONNECTIONS (2 capture(s))');
    expect(text).toContain('sha256sum data/sources/*.html');
    expect(text).toContain('data/connections/<capture sha256>.json');
    expect(text).toMatch(/never in a web browser/);
  });

  it('says nothing of them when no capture recorded its page', () => {
    expect(verifyText(input)).not.toContain('PAGE SOURCES');
  });
});
