// `countersign backup`, once its arguments are read: copies the vault, still encrypted, with its manifest of sums.
import { backupVault } from '../services/backup';
import { systemClock } from '../services/clock';
import type { CliOutput } from './countersign-cli';

export const backupAt = async (dataDir: string, outDir: string, out: CliOutput): Promise<number> => {
  const r = await backupVault(dataDir, outDir, systemClock);
  out.log(`Backed up ${r.files} file(s), ${r.bytes} bytes, to ${r.path}`);
  out.log(`Manifest SHA-256: ${r.manifestSha256}`);
  out.log(
    'The copy is encrypted as the vault is: it opens only with a registered passphrase or the recovery code. ' +
      'Keep the drive locked away, apart from the recovery code.',
  );
  return 0;
};
