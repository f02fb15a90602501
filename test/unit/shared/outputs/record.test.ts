// buildRecord over real journals: what incident.json and the form will say, checked against the journal and the keys
// themselves.
import { createHash, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '@shared/evidence/entries';
import { buildRecord } from '@shared/outputs/record';
import { IncidentRecordSchema } from '@shared/outputs/record-schema';
import { nodeCrypto } from '@main/services/crypto';
import {
  CATEGORY,
  CONCERN_1,
  CONCERN_2,
  CONCLUSION,
  HALT_REASON,
  haltedIncident,
  normalIncident,
  NOTE,
  ORGANISATION,
  REASON,
  REFERRAL_REFERENCE,
  SUBJECT_REF,
  triageIllegalIncident,
} from '@test/helpers/recorded-incidents';

/** A key's fingerprint computed here, independently of the app's code: SHA-256 of the SPKI DER. */
const fingerprintOf = (pem: string): string =>
  createHash('sha256')
    .update(createPublicKey(pem).export({ type: 'spki', format: 'der' }))
    .digest('hex');

const ofKind = <K extends JournalEntry['kind']>(entries: readonly JournalEntry[], kind: K) =>
  entries.filter((e): e is JournalEntry<K> => e.kind === kind);

describe('buildRecord: a normal incident', async () => {
  const built = await normalIncident();
  const record = buildRecord(built.entries, { crypto: nodeCrypto });

  it('gives the form fields as the incident was opened', () => {
    expect(record.group).toBe(ORGANISATION);
    expect(record.organisation).toBe(ORGANISATION);
    expect(record.reason).toBe(REASON);
    expect(record.subject).toEqual({ kind: 'pupil', ref: SUBJECT_REF });
    expect(record.category).toBe(CATEGORY);
    expect(record.practice).toBe(false);
    expect(record.ref).toBe(built.store.ref);
    expect(record.opened.at).toBe(built.entries[0]?.at);
    expect(record.reviewers.map((r) => [r.name, r.role, r.keyFingerprint])).toEqual([
      ['A. Head', 'Headteacher', built.signers.ah.fingerprint],
      ['D. Lead', 'Designated Safeguarding Lead', built.signers.ds.fingerprint],
    ]);
    expect(record.computer).toEqual({ name: 'SAFEGUARD-LAPTOP-1', location: "Head's office safe" });
    expect(record.deviceKeyFingerprint).toBe(fingerprintOf(built.vault.info.devicePublicKeyPem));
    expect(record.clock.confirmed).toMatchObject({ shownAt: '2026-11-24T09:00:00.000Z', offsetMs: 0 });
    expect(record.triage).toMatchObject({ illegalSuspected: false, by: { id: 'ds', name: 'D. Lead' } });
  });

  it('lists every page load and redirect, and the blocked popup, with times from the journal', () => {
    const navigated = ofKind(built.entries, 'browser.navigated');
    expect(record.visits.filter((v) => v.type === 'navigated').map((v) => [v.url, v.at, v.frame, v.status])).toEqual(
      navigated.map((e) => [e.data.url, e.at, 'main', 200]),
    );
    expect(record.visits).toContainEqual(
      expect.objectContaining({ type: 'redirected', url: built.urls[1], how: 'http', status: 302 }),
    );
    expect(record.blocked).toEqual([expect.objectContaining({ type: 'popup', detail: built.urls[0] })]);
  });

  it('gives each capture its hash, size and address, with the latest description in force', async () => {
    expect(record.captures.map((c) => c.sha256)).toEqual(built.captures);
    const [one, two] = record.captures;
    expect(one).toMatchObject({
      n: 1,
      concern: CONCERN_1,
      mode: 'viewport',
      purged: false,
      url: built.urls[0],
      by: { name: 'A. Head' },
    });
    expect(two).toMatchObject({ n: 2, concern: CONCERN_2, mode: 'fullpage', purged: false, url: built.urls[1] });
    const lastDescribed = ofKind(built.entries, 'capture.described').at(-1);
    expect(two?.describedAt).toBe(lastDescribed?.at);
    for (const c of record.captures) {
      const bytes = await built.store.getFile(c.sha256);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(c.sha256);
      expect(c.bytes).toBe(bytes.length);
    }
  });

  it('carries the note, judgement, conclusion and addendum', () => {
    expect(record.notes.map((n) => n.text)).toEqual([NOTE]);
    expect(record.judgement).toMatchObject({
      substance: true,
      actions: ['internal', 'la'],
      policeReasons: [],
      sanctions: ['Inform parents / carers', 'Warning'],
    });
    expect(record.conclusion?.text).toBe(CONCLUSION);
    expect(record.addenda).toEqual([
      expect.objectContaining({ text: 'Parents met the head on 26 November.', by: { id: 'ds', name: 'D. Lead' } }),
    ]);
    expect(record.halt).toBeNull();
    expect(record.status).toEqual({ phase: 'sealed', policeRoute: null, captureLocked: false });
  });

  it(
    'has the record digest both reviewers signed (the conclusion ' +
      'entry’s hash) and the fingerprints of the keys that signed',
    () => {
      const conclusion = ofKind(built.entries, 'conclusion.recorded')[0];
      expect(record.recordDigest).toBe(conclusion?.hash);
      const signed = ofKind(built.entries, 'signoff.signed');
      expect(record.signoffs.map((s) => [s.reviewer.name, s.digest, s.keyFingerprint, s.at])).toEqual(
        signed.map((e) => [
          e.data.reviewer === 'ah' ? 'A. Head' : 'D. Lead',
          conclusion?.hash,
          fingerprintOf(e.data.publicKey),
          e.at,
        ]),
      );
      const last = built.entries.at(-1);
      expect(record.chainHead).toEqual({ seq: last?.seq, hash: last?.hash });
    },
  );

  it('is exactly what incident.json holds: valid against the schema, unchanged by a JSON round trip', () => {
    const json = JSON.stringify(record, null, 2);
    expect(IncidentRecordSchema.parse(JSON.parse(json))).toEqual(record);
  });
});

describe('buildRecord: a halted incident', async () => {
  const built = await haltedIncident();
  const record = buildRecord(built.entries, { crypto: nodeCrypto });

  it('keeps the halted address as text, who halted and when, and marks the purged capture', () => {
    const halted = ofKind(built.entries, 'review.halted')[0];
    expect(record.halt).toMatchObject({
      url: built.haltUrl,
      at: halted?.at,
      by: { id: 'ds', name: 'D. Lead' },
      reason: HALT_REASON,
      purged: [built.captures[1]],
    });
    expect(record.halt?.purgeDecision?.by.name).toBe('D. Lead');
    expect(record.captures.map((c) => [c.n, c.purged])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(record.captures[1]?.purge).toMatchObject({ fileDestroyed: true, by: { name: 'D. Lead' } });
    expect(record.captures.some((c) => c.url === built.haltUrl)).toBe(false);
    expect(record.status).toEqual({ phase: 'sealed', policeRoute: 'halt', captureLocked: true });
  });

  it('records the police referral, the police-reportable reasons in the policy’s words, and the isolation', () => {
    expect(record.referrals).toEqual([
      expect.objectContaining({
        to: 'Police (101)',
        reference: REFERRAL_REFERENCE,
        note: 'Told not to investigate further.',
      }),
    ]);
    expect(record.judgement?.policeReasons).toEqual([
      { id: 'grooming', label: 'incidents of ‘grooming’ behaviour' },
      { id: 'other-criminal', label: 'other criminal conduct, activity or materials' },
    ]);
    expect(record.isolation?.checks).toEqual(['Laptop unplugged from the network', 'Laptop locked in the safe']);
    expect(IncidentRecordSchema.safeParse(record).success).toBe(true);
  });
});

describe('buildRecord: illegal activity suspected at triage', async () => {
  const built = await triageIllegalIncident();
  const record = buildRecord(built.entries);

  it('shows no review at all and the police route entered at triage', () => {
    expect(record.triage?.illegalSuspected).toBe(true);
    expect(record.visits).toEqual([]);
    expect(record.captures).toEqual([]);
    expect(record.judgement).toBeNull();
    expect(record.status).toEqual({ phase: 'sealed', policeRoute: 'triage', captureLocked: true });
    expect(record.clock.confirmed).toMatchObject({
      offsetMs: -90_000,
      note: 'Checked against the office radio clock.',
    });
  });

  it('without a crypto port, names each signer by the key fingerprint registered for them', () => {
    expect(record.signoffs.map((s) => s.keyFingerprint)).toEqual([
      built.signers.ah.fingerprint,
      built.signers.ds.fingerprint,
    ]);
  });
});

describe('buildRecord refuses what must not be printed as sound', () => {
  it('a journal that breaks the procedure', async () => {
    const built = await normalIncident();
    const withoutTriage = built.entries.filter((e) => e.kind !== 'triage.answered');
    expect(() => buildRecord(withoutTriage)).toThrow(expect.objectContaining({ code: 'CORRUPT' }));
  });

  it('a journal that does not begin with the opening of an incident', async () => {
    const built = await triageIllegalIncident();
    expect(() => buildRecord([])).toThrow(expect.objectContaining({ code: 'CORRUPT' }));
    expect(() => buildRecord(built.entries.slice(1))).toThrow(expect.objectContaining({ code: 'CORRUPT' }));
  });
});
