// What the keyring holds while the vault is unlocked (the data key, the codec over it, the signing keys it handed out)
// and the one place all of it is overwritten in memory when the vault locks.
import { CodedError } from '@shared/result';
import { aesGcmCodec } from '../aes-codec';
import type { VaultCodec } from '../codec';
import type { Signer } from '../crypto';
import { KeyBytes } from '../key-material';
import type { StaffRecord } from './key-files';
import type { OpenedWrap } from './key-wrapping';

const LOCKED = 'Unlock the vault first.';

export interface Unlocked {
  dataKey: KeyBytes;
  staff: StaffRecord[];
  /** The codec handed out over the data key, and every signer handed out: forgetting wipes them all. */
  codec: VaultCodec & { wipe(): void };
  signers: Set<Signer>;
}

/** Overwrites what opening a wrap gave: the data key, the private key's bytes and its signer. */
export const wipeOpened = (opened: OpenedWrap | undefined): void => {
  opened?.dataKey.fill(0);
  opened?.pkcs8.fill(0);
  opened?.signer.wipe();
};

export class UnlockedKeys {
  private current: Unlocked | undefined;

  get isHeld(): boolean {
    return this.current !== undefined;
  }

  /** Keeps the data key (a copy, in a KeyBytes; `dataKey` itself is wiped) and gives the codec over it. */
  hold(dataKey: Buffer, staff: StaffRecord[]): VaultCodec {
    this.forget();
    const codec = aesGcmCodec(dataKey);
    this.current = { dataKey: new KeyBytes(dataKey), staff, codec, signers: new Set() };
    dataKey.fill(0);
    return codec;
  }

  /** The unlocked keys; re-asked after every await, since a lock may have come meanwhile. */
  get(): Unlocked {
    if (!this.current) throw new CodedError('PROCEDURE_FORBIDS', LOCKED);
    return this.current;
  }

  /** Overwrites the data key, the codec's copy of it and every signing key handed out, and forgets them. */
  forget(): void {
    const u = this.current;
    this.current = undefined;
    if (!u) return;
    u.dataKey.wipe();
    u.codec.wipe();
    for (const s of u.signers) s.wipe();
  }
}
