// incident.json rebuilt from the journal and the policy, compared byte for byte, by someone holding the keys.
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '@shared/evidence/bundle/bytes';
import { incidentJsonText } from '@shared/evidence/bundle/incident-json';
import { SWGFL_TEMPLATE } from '@shared/policy/profiles/swgfl-template';
import { generateSigningKey, nodeCrypto } from '@main/services/crypto';
import { capture, codes, fakePng, forgeBag, sealedJournal, verifyFiles } from '@test/helpers/forge-bundle';

const device = generateSigningKey().signer;
const keys = { ah: generateSigningKey().signer, ds: generateSigningKey().signer };
const entries = sealedJournal(device, keys, [capture(fakePng(1))]);

describe('incident.json', () => {
  it('one character changed (and the bag re-signed with the real keys) is INVALID, with the line named', async () => {
    const text = incidentJsonText(nodeCrypto, entries, SWGFL_TEMPLATE).replace('"Cyberbullying"', '"Cyber-bullying"');
    const r = await verifyFiles(
      await forgeBag(entries, device, keys, [fakePng(1)], { replace: { 'data/incident.json': utf8Encode(text) } }),
    );
    expect(codes(r)).toEqual(['INCIDENT_MISMATCH']);
    expect(r.problems[0]?.message).toMatch(/differ from line \d+/);
  });

  it('the record without its final newline is not the record the exporter writes', async () => {
    const text = incidentJsonText(nodeCrypto, entries, SWGFL_TEMPLATE).trimEnd();
    const r = await verifyFiles(
      await forgeBag(entries, device, keys, [fakePng(1)], { replace: { 'data/incident.json': utf8Encode(text) } }),
    );
    expect(codes(r)).toEqual(['INCIDENT_MISMATCH']);
  });
});
