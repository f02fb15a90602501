// The tombstone an incident leaves when two people delete it (docs/formats/deletions.md): what was deleted, when, by
// whose agreement and why, hash-chained and signed so the vault's deletion log shows every deletion and only those.
import { z } from 'zod';
import { canonicalJson, GENESIS, type CryptoPort } from './chain';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

const AgreedSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  keyFingerprint: sha256Hex,
  publicKey: z.string(),
  /** Ed25519 over deletionMessage(), hex. */
  signature: z.string().regex(/^[0-9a-f]{128}$/),
});

export const TombstoneSchema = z.object({
  format: z.literal('countersign-deletion'),
  version: z.literal(1),
  seq: z.number().int().nonnegative(),
  ref: z.string(),
  deletedAt: z.string(),
  openedAt: z.string(),
  /** When it had been signed off, or null when it was deleted before sign-off. */
  signedOffAt: z.string().nullable(),
  reason: z.string().min(1).max(2000),
  /** The journal as it was when deleted: its number of entries and the hash of its last entry. */
  journal: z.object({ entries: z.number().int().nonnegative(), head: sha256Hex }),
  /** How many evidence files (captures) were destroyed with it. */
  files: z.number().int().nonnegative(),
  agreedBy: z.tuple([AgreedSchema, AgreedSchema]),
  deviceKeyFingerprint: sha256Hex,
  prev: sha256Hex,
  /** SHA-256 of prev, a newline and the canonical JSON of every other field but deviceSignature. */
  hash: sha256Hex,
  /** The computer's key over `hash`. */
  deviceSignature: z.string().regex(/^[0-9a-f]{128}$/),
});
export type Tombstone = z.infer<typeof TombstoneSchema>;
export type UnsealedTombstone = Omit<Tombstone, 'hash' | 'deviceSignature'>;

/** What each of the two people signs: the incident, its journal's last hash, and the reason's hash. */
export const deletionMessage = (crypto: CryptoPort, ref: string, journalHead: string, reason: string): string =>
  `countersign deletion v1\n${ref}\n${journalHead}\n${crypto.sha256Hex(reason)}`;

export const tombstoneHash = (crypto: CryptoPort, t: UnsealedTombstone): string =>
  crypto.sha256Hex(`${t.prev}\n${canonicalJson(t)}`);

/** Checks the chain and every signature of a deletion log; names each tombstone that fails. */
export const auditTombstones = (
  crypto: CryptoPort,
  lines: readonly unknown[],
  /** Every device key the vault has had: a tombstone written before a restore elsewhere is signed by an older one. */
  devicePublicKeyPems: readonly string[],
): { tombstones: Tombstone[]; problems: string[] } => {
  const tombstones: Tombstone[] = [];
  const problems: string[] = [];
  let prev = GENESIS;
  for (const [i, raw] of lines.entries()) {
    const parsed = TombstoneSchema.safeParse(raw);
    const at = `deletion ${i + 1}`;
    if (!parsed.success) {
      problems.push(`${at} is not a tombstone`);
      break;
    }
    const t = parsed.data;
    const { hash, deviceSignature, ...unsealed } = t;
    if (t.seq !== i || t.prev !== prev) problems.push(`${at} (${t.ref}) is out of order: a deletion record is missing`);
    if (tombstoneHash(crypto, unsealed) !== hash) problems.push(`${at} (${t.ref}) has been altered`);
    if (!devicePublicKeyPems.some((pem) => crypto.verify(pem, hash, deviceSignature)))
      problems.push(`${at} (${t.ref}) is not signed by this vault's computer key`);
    const message = deletionMessage(crypto, t.ref, t.journal.head, t.reason);
    for (const p of t.agreedBy)
      if (crypto.fingerprint(p.publicKey) !== p.keyFingerprint || !crypto.verify(p.publicKey, message, p.signature))
        problems.push(`${at} (${t.ref}): ${p.name}'s agreement does not check out`);
    if (t.agreedBy[0].id === t.agreedBy[1].id) problems.push(`${at} (${t.ref}) was agreed by one person, not two`);
    tombstones.push(t);
    prev = hash;
  }
  return { tombstones, problems };
};
