// The halt's keyboard shortcut (Ctrl+Shift+H, or Cmd+Shift+H on a Mac), recognised in a key event from any web
// contents.
import { HALT_SHORTCUT } from '@shared/ipc/vocabulary';

/** The fields of Electron's `before-input-event` input this needs. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly control: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
}

export const isHaltShortcut = (input: KeyInput): boolean =>
  input.type === 'keyDown' &&
  input.key.toUpperCase() === HALT_SHORTCUT.key &&
  (input.control || input.meta) &&
  input.shift === HALT_SHORTCUT.shift &&
  !input.alt;
