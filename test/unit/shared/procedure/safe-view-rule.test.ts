// Safe view in the procedure: on unless the opening says otherwise, and a picture is revealed only during the review,
// by one of its reviewers, never after the halt.
import { describe, expect, it } from 'vitest';
import type { AnyCommand } from '@shared/evidence/entries';
import { apply, offeredKinds, type IncidentState } from '@shared/procedure/procedure-machine';
import { COMMANDS, opened, run } from './machine-commands';

const reveal = COMMANDS.reveal as AnyCommand;

const openedWith = (safeView: boolean | undefined): IncidentState => {
  const data = { ...(opened.data as object), ...(safeView === undefined ? {} : { safeView }) };
  const r = apply(run(), { ...opened, data } as AnyCommand);
  if (!r.ok) throw new Error(r.error.message);
  let s = r.value;
  for (const n of ['clock', 'triageNo']) {
    const next = apply(s, COMMANDS[n] as AnyCommand);
    if (!next.ok) throw new Error(next.error.message);
    s = next.value;
  }
  return s;
};

describe('safe view in the procedure', () => {
  it('is on when the opening records it, and when the opening says nothing (journals written before it)', () => {
    expect(openedWith(true).safeView).toBe(true);
    expect(openedWith(undefined).safeView).toBe(true);
    expect(offeredKinds(openedWith(true))).toContain('media.revealed');
  });

  it('off for an incident, nothing is blurred, so nothing is revealed or offered', () => {
    const s = openedWith(false);
    expect(s.safeView).toBe(false);
    const r = apply(s, reveal);
    expect(!r.ok && r.error.code).toBe('PROCEDURE_FORBIDS');
    expect(offeredKinds(s)).not.toContain('media.revealed');
  });

  it('is refused to anyone but the two reviewers', () => {
    const r = apply(openedWith(true), { ...reveal, actor: 'intruder' } as AnyCommand);
    expect(!r.ok && r.error.code).toBe('PROCEDURE_FORBIDS');
  });

  it('is refused after the halt and before the review', () => {
    for (const s of [
      run('open', 'clock', 'triageNo', 'halt'),
      run('open', 'clock'),
      run('open', 'clock', 'triageYes'),
    ]) {
      const r = apply(s, reveal);
      expect(!r.ok && r.error.message).toMatch(/not allowed/);
      expect(offeredKinds(s)).not.toContain('media.revealed');
    }
  });

  it('a capture records which addresses were revealed', () => {
    const data = { ...(COMMANDS.capture1?.data as object), revealed: ['http://127.0.0.1/a.png'] };
    const r = apply(run('open', 'clock', 'triageNo', 'reveal'), { ...COMMANDS.capture1, data } as AnyCommand);
    expect(r.ok).toBe(true);
  });
});
