// Turns RFC 3161 time-stamping on (with an authority's address) or off in the vault's settings.
import type { Timestamping } from '@shared/evidence/timestamp/authority-url';
import { readSettings, writeSettings, type OpenVault } from './access';

/** Saves the authority to use, or turns time-stamping off with null; changes nothing when it is already so. */
export const saveTimestamping = async (open: Pick<OpenVault, 'vault'>, next: Timestamping | null): Promise<void> => {
  const { timestamping: current, ...rest } = await readSettings(open.vault);
  if ((current?.url ?? null) === (next?.url ?? null)) return;
  await writeSettings(open.vault, { ...rest, ...(next ? { timestamping: next } : {}) });
};
