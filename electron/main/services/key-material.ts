// Key bytes held in memory while the vault is unlocked, in buffers that are overwritten when the vault locks: one
// class for every copy of the data key and every private signing key, so that lock can wipe them all and a test can
// show it did.
import { CodedError } from '@shared/result';

const LOCKED = 'Countersign is locked. Unlock it with your passphrase first.';

/** Every KeyBytes not yet wiped, weakly: what lock() must leave empty. */
const held = new Set<WeakRef<KeyBytes>>();
let made = 0;

export class KeyBytes {
  private readonly bytes: Buffer;
  private wiped = false;
  private readonly ref: WeakRef<KeyBytes>;
  /** The how-manieth key this process has held, so a check can look only at keys held since a point. */
  readonly serial = (made += 1);

  /** Takes a private copy, so that whoever wipes or reuses `source` cannot change this key. */
  constructor(source: Uint8Array) {
    // Buffer.alloc, not the shared pool: a key must not sit in a slab beside other data.
    this.bytes = Buffer.alloc(source.length);
    this.bytes.set(source);
    this.ref = new WeakRef(this);
    held.add(this.ref);
  }

  /** The key, for one use; PROCEDURE_FORBIDS once wiped (the vault was locked). */
  get value(): Buffer {
    if (this.wiped) throw new CodedError('PROCEDURE_FORBIDS', LOCKED);
    return this.bytes;
  }

  get isWiped(): boolean {
    return this.wiped;
  }

  /** Overwrites the key with zeros; afterwards every use is refused. */
  wipe(): void {
    this.bytes.fill(0);
    this.wiped = true;
    held.delete(this.ref);
  }
}

/** How many keys this process has held so far: a point to look from with unwipedKeys(). */
export const keysHeldSoFar = (): number => made;

/** The buffers of every key held after `since` and not yet wiped, still in memory (for the lock's own test). */
export const unwipedKeys = (since = 0): Buffer[] =>
  [...held].flatMap((r) => {
    const k = r.deref();
    if (!k) held.delete(r);
    return k && !k.isWiped && k.serial > since ? [k.value] : [];
  });
