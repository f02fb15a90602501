// Head time-stamping runs beside the journal's writer, never in its way: a slow or silent authority delays no step,
// each head is asked for once, a failure is journaled once, and nothing is written once the incident has closed.
import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '@shared/evidence/entries';
import { stampHeads } from '@main/services/head-stamping';
import type { Stamper, StampedReply } from '@main/services/tsa-client';
import { CodedError } from '@shared/result';
import { incidentInReview, newVault } from '@test/helpers/vault';

const note = (actor: string, text: string) => ({ kind: 'note.added' as const, actor, data: { text } });

/** A stamper whose answers the test releases by hand, recording what it was asked. */
const heldStamper = () => {
  const asked: string[] = [];
  const waiting: ((r: StampedReply | Error) => void)[] = [];
  const stamper: Stamper = (_url, imprint) => {
    asked.push(imprint);
    return new Promise((resolve, reject) => waiting.push((r) => (r instanceof Error ? reject(r) : resolve(r))));
  };
  return {
    stamper,
    asked,
    failAll: () => waiting.splice(0).forEach((w) => w(new CodedError('IO_ERROR', 'no answer'))),
  };
};

const kinds = (entries: readonly JournalEntry[]) => entries.map((e) => e.kind);

describe('stampHeads', () => {
  it('does not hold up the journal while the authority has not answered, then journals each failure once', async () => {
    const store = await incidentInReview(await newVault());
    const actor = store.journal.state.reviewers[0] ?? '';
    const held = heldStamper();
    const stamping = stampHeads({
      journal: store.journal,
      authority: () => Promise.resolve('http://127.0.0.1:9/tsa'),
      stamper: held.stamper,
    });
    const started = performance.now();
    for (let i = 0; i < 5; i++) await store.journal.append(note(actor, `note ${i}`));
    // Five signed steps went to disk while every request was still unanswered.
    expect(performance.now() - started).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 50));
    expect(held.asked.length).toBe(6);
    expect(new Set(held.asked).size).toBe(6);
    expect(kinds(store.journal.entries).filter((k) => k.startsWith('timestamp.'))).toEqual([]);
    held.failAll();
    await stamping.settled();
    const failed = store.journal.entries.filter(
      (e): e is JournalEntry<'timestamp.failed'> => e.kind === 'timestamp.failed',
    );
    expect(failed).toHaveLength(6);
    const heads = failed.map((f) => ('head' in f.data.of ? f.data.of.head : -1));
    expect(heads.every((seq) => store.journal.entries[seq]?.kind === 'head.signed')).toBe(true);
    expect(failed[0]?.data.reason).toBe('no answer');
    // Failures are not retried.
    await new Promise((r) => setTimeout(r, 50));
    expect(held.asked.length).toBe(6);
    stamping.stop();
  });

  it('writes nothing for an answer that comes after the incident closed', async () => {
    const store = await incidentInReview(await newVault());
    const actor = store.journal.state.reviewers[0] ?? '';
    const held = heldStamper();
    const stamping = stampHeads({
      journal: store.journal,
      authority: () => Promise.resolve('http://127.0.0.1:9/tsa'),
      stamper: held.stamper,
    });
    await store.journal.append(note(actor, 'before closing'));
    const length = store.journal.entries.length;
    stamping.stop();
    held.failAll();
    await stamping.settled();
    await store.journal.append(note(actor, 'after'));
    await new Promise((r) => setTimeout(r, 50));
    expect(store.journal.entries.length).toBe(length + 2);
    expect(kinds(store.journal.entries).some((k) => k.startsWith('timestamp.'))).toBe(false);
  });

  it('asks nothing when time-stamping is off', async () => {
    const store = await incidentInReview(await newVault());
    const held = heldStamper();
    const stamping = stampHeads({
      journal: store.journal,
      authority: () => Promise.resolve(null),
      stamper: held.stamper,
    });
    await store.journal.append(note(store.journal.state.reviewers[0] ?? '', 'a note'));
    await stamping.settled();
    expect(held.asked).toEqual([]);
    stamping.stop();
  });

  it('gives up a request still out when stopped, so no connection keeps a finished command running', async () => {
    // An authority that takes the connection and never answers (the command line's `run` once hung on one for 5 s
    // after the incident closed, past its exit grace).
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const store = await incidentInReview(await newVault());
      const actor = store.journal.state.reviewers[0] ?? '';
      const stamping = stampHeads({
        journal: store.journal,
        authority: () => Promise.resolve(`http://127.0.0.1:${port}/tsa`),
      });
      await store.journal.append(note(actor, 'the last step'));
      while (sockets.size < 1) await new Promise((r) => setTimeout(r, 20));
      const started = performance.now();
      stamping.stop();
      await stamping.settled();
      // Well inside the authority's 5 s: the requests were given up, not left to time out.
      expect(performance.now() - started).toBeLessThan(1500);
      expect(kinds(store.journal.entries).filter((k) => k.startsWith('timestamp.'))).toEqual([]);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
