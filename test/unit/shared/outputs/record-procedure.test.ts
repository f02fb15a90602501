// The record's later parts: sites and devices without a capture, who was told on any route, the sanctions row, who
// reported it and the signed follow-ups, each as the journal says.
import { describe, expect, it } from 'vitest';
import type { EntryData } from '@shared/evidence/entries';
import { buildRecord } from '@shared/outputs/record';
import { followUpMessage } from '@shared/procedure/follow-ups';
import { nodeCrypto } from '@main/services/crypto';
import {
  DEBRIEF,
  DEVICE,
  DEVICE_CONCERN,
  followedUpIncident,
  LADO_REFERENCE,
  normalIncident,
  POLICE_REFERENCE,
  POLICE_RESPONSE,
  REPORTED_BY,
  SANCTION_ROW,
  SITE_CONCERN,
  SITE_URL,
} from '@test/helpers/recorded-incidents';

describe('the record of an incident followed up after sign-off', async () => {
  const built = await followedUpIncident();
  const record = buildRecord(built.entries, { crypto: nodeCrypto });

  it('holds who reported it, and the sanctions row the reviewers chose', () => {
    expect(record.reportedBy).toBe(REPORTED_BY);
    expect(record.judgement?.sanctionRow).toBe(SANCTION_ROW);
    expect(record.status.policeRoute).toBe('judgement');
  });

  it('holds the site and the device recorded without a capture, each with the nature of its content', () => {
    expect(record.captures).toEqual([]);
    expect(record.sites.map((s) => [s.url, s.device, s.concern, s.by.name])).toEqual([
      [SITE_URL, null, SITE_CONCERN, 'A. Head'],
      [null, DEVICE, DEVICE_CONCERN, 'D. Lead'],
    ]);
  });

  it('holds everyone told, the police marked as the referral', () => {
    expect(record.told.map((t) => [t.who, t.contact, t.police, t.how, t.reference])).toEqual([
      ['LADO', 'lado', false, 'phone', LADO_REFERENCE],
      ['Police (non-emergency)', 'police101', true, null, POLICE_REFERENCE],
    ]);
  });

  it('holds each follow-up by kind with who signed it, and the new judgement on return to internal procedures', () => {
    expect(record.followUps.map((f) => [f.kind, f.signedBy])).toEqual([
      ['police-response', ['A. Head']],
      ['internal-procedures', ['D. Lead']],
      ['debrief', ['D. Lead']],
    ]);
    expect(record.followUps[0]?.text).toBe(POLICE_RESPONSE);
    expect(record.followUps[1]?.judgement).toEqual({
      substance: true,
      actions: ['internal'],
      sanctionRow: null,
      sanctions: ['Warning'],
    });
    expect(record.followUps[2]?.text).toBe(DEBRIEF);
  });

  it('keeps each follow-up signed by its reviewer over its kind, words and judgement', () => {
    const entry = built.entries.find((e) => e.kind === 'followup.added');
    const data = entry?.data as EntryData<'followup.added'>;
    const signature = data.signatures[0]?.signature ?? '';
    const message = followUpMessage(record.ref, data);
    const key = built.signers.ah.publicKeyPem;
    expect(nodeCrypto.verify(key, message, signature)).toBe(true);
    expect(nodeCrypto.verify(key, message.replace('police-response', 'debrief'), signature)).toBe(false);
  });

  it('gives an incident recorded before these parts existed empty ones, and nobody as its reporter', async () => {
    const older = buildRecord((await normalIncident()).entries);
    expect([older.reportedBy, older.sites, older.told, older.followUps]).toEqual([null, [], [], []]);
    expect(older.judgement?.sanctionRow).toBeNull();
  });
});
