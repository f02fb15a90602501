// Benchmark: the ledger of signed heads. What each head costs to record, and what reading and checking the whole
// ledger costs at unlock, up to the length at which it is compacted, beside one fsynced append and a quarter second.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KEY_BYTES, aesGcmCodec } from '@main/services/aes-codec';
import { systemClock } from '@main/services/clock';
import { generateSigningKey } from '@main/services/crypto';
import { appendDurable } from '@main/services/durable';
import { COMPACT_AT, HeadLedger, readLedger } from '@main/services/head-ledger';

// The ledger is compacted at unlock once past COMPACT_AT lines, so that is the most an unlock reads.
const SIZES = (process.env.LINES ?? `1000,${COMPACT_AT}`).split(',').map(Number);
const RECORDS = Number(process.env.RECORDS ?? 300);

const main = async (): Promise<void> => {
  const codec = aesGcmCodec(new Uint8Array(KEY_BYTES).fill(7));
  const device = generateSigningKey().signer;
  const fresh = async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cs-bench-ledger-'));
    return {
      dataDir,
      ledger: await HeadLedger.start({ dataDir, codec, clock: systemClock, device }, 'x', 'new-vault'),
    };
  };

  const { dataDir, ledger } = await fresh();
  let t = performance.now();
  for (let i = 0; i < RECORDS; i++) await ledger.record(`CS-BENCH-${i % 40}`, i, 'a'.repeat(64));
  const perRecord = (performance.now() - t) / RECORDS;
  t = performance.now();
  for (let i = 0; i < RECORDS; i++)
    await appendDurable(join(dataDir, 'plain.jsonl'), Buffer.from(`${'b'.repeat(300)}\n`));
  const perAppend = (performance.now() - t) / RECORDS;
  console.log(
    `recording one head      ${perRecord.toFixed(2)} ms   (a bare fsynced append: ${perAppend.toFixed(2)} ms, ` +
      `ratio ${(perRecord / perAppend).toFixed(2)})`,
  );

  for (const n of SIZES) {
    const big = await fresh();
    for (let i = 0; i < n; i++) await big.ledger.record(`CS-BENCH-${i % 40}`, i, 'a'.repeat(64));
    t = performance.now();
    await readLedger(big.dataDir, codec, device.publicKeyPem);
    const ms = performance.now() - t;
    console.log(
      `reading ${String(n).padStart(6)} lines at unlock ${ms.toFixed(0).padStart(6)} ms   ` +
        `(goal 250 ms: ratio ${(ms / 250).toFixed(2)})`,
    );
  }
};

void main();
