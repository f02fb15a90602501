// data/case.jsonld as a police tool reads it: expanded by a JSON-LD processor (jsonld), every address visited a URL,
// every capture a File with its SHA-256 and a capture action with performer, time and tool, the halt and the purge.
import { createHash } from 'node:crypto';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { urlsCsvText } from '@shared/evidence/bundle/urls-csv';
import type { JournalEntry } from '@shared/evidence/entries';
import { caseJsonldText } from '@shared/outputs/case-uco';
import { nodeIds } from '@shared/outputs/case-uco-nodes';
import {
  followedUpIncident,
  haltedIncident,
  LADO_REFERENCE,
  normalIncident,
  POLICE_RESPONSE,
  SITE_URL,
} from '@test/helpers/recorded-incidents';

const BUNDLE = { version: '0.1.0', baggingDate: '2026-12-01' };
const UCO = 'https://ontology.unifiedcyberontology.org/uco/';
const CASE = 'https://ontology.caseontology.org/case/investigation/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

type Node = Record<string, unknown>;
type Value = { '@id'?: string; '@value'?: string; '@type'?: string };

/** Expanded JSON-LD, every node by id; the document loader refuses any fetch, so the context must be inline. */
const expanded = async (text: string): Promise<Map<string, Node>> => {
  const doc = JSON.parse(text) as object;
  const nodes = (await jsonld.expand(doc, {
    documentLoader: (url: string) => Promise.reject(new Error(`no network: ${url}`)),
  })) as Node[];
  const all = new Map<string, Node>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (typeof n !== 'object' || n === null) return;
    const node = n as Node;
    if (typeof node['@id'] === 'string' && Array.isArray(node['@type'])) all.set(node['@id'], node);
    Object.values(node).forEach(walk);
  };
  walk(nodes);
  return all;
};

const values = (n: Node | undefined, p: string): Value[] => (n?.[p] as Value[] | undefined) ?? [];
const one = (n: Node | undefined, p: string): string | undefined => {
  const v = values(n, p)[0];
  return v?.['@value'] ?? v?.['@id'];
};
const ofType = (all: Map<string, Node>, t: string): Node[] =>
  [...all.values()].filter((n) => (n['@type'] as string[]).includes(t));
const fullValues = (all: Map<string, Node>): string[] =>
  ofType(all, `${UCO}observable/URLFacet`).map((f) => one(f, `${UCO}observable/fullValue`) ?? '');
const actionsNamed = (all: Map<string, Node>, name: string): Node[] =>
  ofType(all, `${CASE}InvestigativeAction`).filter((a) => one(a, `${UCO}core/name`) === name);
/** The SHA-256 of a File node, from its ContentDataFacet. */
const fileHash = (all: Map<string, Node>, file: Node): string | undefined => {
  const facets = values(file, `${UCO}core/hasFacet`).map((f) => all.get(f['@id'] ?? ''));
  const content = facets.find((f) => (f?.['@type'] as string[]).includes(`${UCO}observable/ContentDataFacet`));
  const hash = all.get(values(content, `${UCO}observable/hash`)[0]?.['@id'] ?? '');
  expect(one(hash, `${UCO}types/hashMethod`)).toBe('SHA256');
  return one(hash, `${UCO}types/hashValue`);
};

/** Every address urls.csv lists (its "url" and "from" columns): the addresses the journal records. */
const csvAddresses = (entries: readonly JournalEntry[]): string[] => {
  const rows = urlsCsvText(entries)
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => [...l.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? '').replace(/""/g, '"')));
  return [...new Set(rows.flatMap((r) => [r[3], r[7]]).filter((u): u is string => !!u))];
};

describe('data/case.jsonld (CASE/UCO)', async () => {
  const normal = await normalIncident();
  const text = caseJsonldText(normal.entries, BUNDLE);
  const all = await expanded(text);

  it('expands with the CASE and UCO vocabularies, offline: one Investigation named by the reference', () => {
    const [investigation] = ofType(all, `${CASE}Investigation`);
    expect(one(investigation, `${UCO}core/name`)).toMatch(/^CS-/);
    expect(ofType(all, `${UCO}tool/Tool`).map((t) => one(t, `${UCO}tool/version`))).toEqual(['0.1.0']);
    expect(ofType(all, `${UCO}identity/Person`).map((p) => one(p, `${UCO}core/name`))).toHaveLength(2);
    // Every id is a urn:uuid IRI, as CASE's guidance asks.
    for (const id of all.keys())
      expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('makes its ids as RFC 9562 name-based UUIDs (version 5), the same as any other implementation', () => {
    // Python: uuid.uuid5(uuid.UUID('b254c801-c8a7-4cc6-89d0-13a7252c7624'), 'abc\ntool')
    expect(nodeIds('abc')('tool')).toBe('kb:566fd659-4175-59d8-8f54-991881536660');
  });

  it('holds every address the journal records as a URL object, and no other', () => {
    const expected = csvAddresses(normal.entries);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(new Set(fullValues(all))).toEqual(new Set(expected));
    for (const u of normal.urls) expect(fullValues(all)).toContain(u);
  });

  it('holds every capture: a File with its SHA-256, an action (performer, time, tool), a provenance record', () => {
    const files = ofType(all, `${UCO}observable/File`);
    const captures = actionsNamed(all, 'capture');
    expect(captures).toHaveLength(normal.captures.length);
    const taken = normal.entries.filter((e) => e.kind === 'capture.taken');
    normal.captures.forEach((sha, i) => {
      const file = files.find((f) => fileHash(all, f) === sha);
      expect(file, sha).toBeDefined();
      const action = captures.find((a) => values(a, `${UCO}action/result`).some((r) => r['@id'] === file?.['@id']));
      expect(action).toBeDefined();
      expect(values(action, `${UCO}action/startTime`)[0]).toEqual({
        '@type': `${XSD}dateTime`,
        '@value': taken[i]?.at,
      });
      const performer = all.get(one(action, `${UCO}action/performer`) ?? '');
      expect(performer?.['@type']).toEqual([`${UCO}identity/Person`]);
      expect(all.get(one(action, `${UCO}action/instrument`) ?? '')?.['@type']).toEqual([`${UCO}tool/Tool`]);
      const record = ofType(all, `${CASE}ProvenanceRecord`).find((p) =>
        values(p, `${UCO}core/object`).some((o) => o['@id'] === file?.['@id']),
      );
      expect(one(record, `${CASE}exhibitNumber`)).toMatch(new RegExp(`-${i + 1}$`));
    });
  });

  it("holds each capture's page source as a File with its SHA-256, in the capture's provenance record", () => {
    const taken = normal.entries.filter((e): e is JournalEntry<'capture.taken'> => e.kind === 'capture.taken');
    const sources = taken.map((e) => e.data.page?.source.sha256);
    expect(sources.length).toBeGreaterThan(0);
    const files = ofType(all, `${UCO}observable/File`);
    for (const [i, e] of taken.entries()) {
      const sha = sources[i];
      expect(sha, `capture ${i + 1} recorded its page`).toBeDefined();
      const file = files.find((f) => fileHash(all, f) === sha);
      expect(file, `source ${sha ?? ''}`).toBeDefined();
      expect(one(file, `${UCO}core/description`)).toContain(`data/connections/${e.data.sha256}.json`);
      const record = ofType(all, `${CASE}ProvenanceRecord`).find((p) =>
        values(p, `${UCO}core/object`).some((o) => o['@id'] === file?.['@id']),
      );
      expect(record, `provenance of ${e.data.sha256}`).toBeDefined();
    }
  });

  it('names the review, the judgement, the sign-offs and the export of this bundle as investigative actions', () => {
    for (const name of ['review', 'judgement', 'conclusion', 'note', 'addendum', 'export'])
      expect(actionsNamed(all, name).length, name).toBeGreaterThan(0);
    expect(actionsNamed(all, 'sign-off')).toHaveLength(2);
    const [review] = actionsNamed(all, 'review');
    expect(values(review, `${UCO}action/object`)).toHaveLength(fullValues(all).length);
  });

  it('is the same bytes each time it is built from one journal, and other bytes for another incident', async () => {
    expect(caseJsonldText(normal.entries, BUNDLE)).toBe(text);
    // The verifier's own SHA-1 (Node's, for speed) makes the same node ids as noble's; a wrong one would not.
    expect(caseJsonldText(normal.entries, BUNDLE, (b) => createHash('sha1').update(b).digest())).toBe(text);
    expect(caseJsonldText(normal.entries, BUNDLE, (b) => createHash('md5').update(b).digest())).not.toBe(text);
    const other = await normalIncident();
    expect(caseJsonldText(other.entries, BUNDLE)).not.toBe(text);
  });

  it('ignores journal kinds it does not know, so a newer kind added to the journal changes nothing it says', () => {
    const unknown = { ...normal.entries[3], kind: 'future.kind', data: { url: 'http://x.invalid/secret.jpg' } };
    const withUnknown = [...normal.entries.slice(0, 4), unknown as unknown as JournalEntry, ...normal.entries.slice(4)];
    const out = caseJsonldText(withUnknown, BUNDLE);
    expect(out).not.toContain('future.kind');
    expect(out).not.toContain('secret.jpg');
  });

  it('a picture shown unblurred is an action on its address; a change of computer names both keys', async () => {
    const at = normal.entries[3];
    if (!at) throw new Error('no entry');
    const shown = {
      ...at,
      seq: 9001,
      kind: 'media.revealed',
      data: { url: 'http://x.invalid/shown.jpg', kind: 'image' },
    };
    const moved = {
      ...at,
      seq: 9002,
      kind: 'device.changed',
      data: {
        oldFingerprint: 'a'.repeat(64),
        oldPublicKey: 'old',
        newFingerprint: 'b'.repeat(64),
        newPublicKey: 'new',
        backupManifestSha256: 'c'.repeat(64),
        recoveryCode: false,
        deviceSignature: 'd'.repeat(128),
        approvals: [],
      },
    };
    const extra = [shown, moved] as unknown as JournalEntry[];
    const h = await expanded(
      caseJsonldText([...normal.entries.slice(0, 4), ...extra, ...normal.entries.slice(4)], BUNDLE),
    );
    const [reveal] = actionsNamed(h, 'blurred media shown');
    const url = h.get(one(reveal, `${UCO}action/object`) ?? '');
    expect(one(h.get(one(url, `${UCO}core/hasFacet`) ?? ''), `${UCO}observable/fullValue`)).toBe(
      'http://x.invalid/shown.jpg',
    );
    const [change] = actionsNamed(h, 'computer changed');
    expect(JSON.stringify(change)).toContain('b'.repeat(64));
    expect(JSON.stringify(change)).toContain('a'.repeat(64));
  });

  it('after a halt: the halt acts on its address, the purge on the purged file, whose SHA-256 remains', async () => {
    const halted = await haltedIncident();
    const h = await expanded(caseJsonldText(halted.entries, BUNDLE));
    const [halt] = actionsNamed(h, 'halt');
    const haltUrl = h.get(one(halt, `${UCO}action/object`) ?? '');
    const facet = h.get(one(haltUrl, `${UCO}core/hasFacet`) ?? '');
    expect(one(facet, `${UCO}observable/fullValue`)).toBe(halted.haltUrl);
    const [purge] = actionsNamed(h, 'purge');
    const purged = h.get(one(purge, `${UCO}action/object`) ?? '');
    expect(purged && fileHash(h, purged)).toBe(halted.captures[1]);
    expect(actionsNamed(h, 'purge decision')).toHaveLength(1);
    expect(actionsNamed(h, 'referral')).toHaveLength(1);
  });

  it('records sites of concern, who was told and the follow-ups', async () => {
    const followed = await followedUpIncident();
    const f = await expanded(caseJsonldText(followed.entries, BUNDLE));
    expect(fullValues(f)).toContain(SITE_URL);
    expect(actionsNamed(f, 'site of concern recorded')).toHaveLength(2);
    expect(one(actionsNamed(f, 'told')[0], `${UCO}core/description`)).toContain(LADO_REFERENCE);
    expect(actionsNamed(f, 'police referral')).toHaveLength(1);
    const followUps = actionsNamed(f, 'follow-up').map((a) => one(a, `${UCO}core/description`) ?? '');
    expect(followUps).toHaveLength(3);
    expect(followUps[0]).toContain(POLICE_RESPONSE);
  });
});
