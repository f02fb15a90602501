// The journal's entry schemas, made the first time each is read (entries.ts): every kind is there, each is made once,
// and each checks the same rules whenever it is first read.
import { describe, expect, it } from 'vitest';
import { ENTRY_DATA, ENTRY_KINDS, isEntryKind } from '@shared/evidence/entries';

describe('ENTRY_DATA', () => {
  it('lists every kind of entry, each one schema however often it is read', () => {
    expect(ENTRY_KINDS).toHaveLength(43);
    expect(ENTRY_KINDS.slice(0, 3)).toEqual(['incident.opened', 'clock.confirmed', 'clock.jump']);
    for (const kind of ENTRY_KINDS) {
      expect(isEntryKind(kind)).toBe(true);
      expect(ENTRY_DATA[kind]).toBe(ENTRY_DATA[kind]);
    }
    expect(isEntryKind('toString')).toBe(false);
    expect(isEntryKind('capture.forged')).toBe(false);
  });

  it('checks a kind the first time it is read as strictly as after', () => {
    const bad = { sha256: 'A'.repeat(64), fileDestroyed: true };
    const good = { sha256: 'a'.repeat(64), fileDestroyed: true };
    expect(ENTRY_DATA['capture.purged'].safeParse(bad).success).toBe(false);
    expect(ENTRY_DATA['capture.purged'].safeParse(good).success).toBe(true);
    expect(ENTRY_DATA['capture.purged'].safeParse(bad).success).toBe(false);
    expect(() => {
      (ENTRY_DATA as Record<string, unknown>)['capture.purged'] = ENTRY_DATA['note.added'];
    }).toThrow(TypeError);
  });
});
