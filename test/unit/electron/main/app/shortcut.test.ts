// The halt shortcut as the evidence view sees key events: Ctrl+Shift+H (Cmd on a Mac), key down only, nothing else.
import { describe, expect, it } from 'vitest';
import { isHaltShortcut } from '@main/app/shortcut';

const key = (over: Partial<Parameters<typeof isHaltShortcut>[0]>) => ({
  type: 'keyDown',
  key: 'H',
  control: true,
  meta: false,
  shift: true,
  alt: false,
  ...over,
});

describe('isHaltShortcut', () => {
  it('is Ctrl+Shift+H or Cmd+Shift+H, whatever the case of the key', () => {
    expect(isHaltShortcut(key({}))).toBe(true);
    expect(isHaltShortcut(key({ key: 'h' }))).toBe(true);
    expect(isHaltShortcut(key({ control: false, meta: true }))).toBe(true);
  });

  it('is not H alone, Ctrl+H, Ctrl+Alt+Shift+H, another key, or a key coming up', () => {
    expect(isHaltShortcut(key({ control: false }))).toBe(false);
    expect(isHaltShortcut(key({ shift: false }))).toBe(false);
    expect(isHaltShortcut(key({ alt: true }))).toBe(false);
    expect(isHaltShortcut(key({ key: 'J' }))).toBe(false);
    expect(isHaltShortcut(key({ type: 'keyUp' }))).toBe(false);
  });
});
