// The permissions the Chromium harness denies for a whole context, so the engine refuses without prompting.

const DENIED_NAMES = [
  'geolocation',
  'notifications',
  'camera',
  'microphone',
  'clipboard-read',
  'clipboard-write',
  'display-capture',
  'midi',
  'persistent-storage',
  'idle-detection',
  'window-management',
  'local-fonts',
  'storage-access',
  'top-level-storage-access',
  'background-sync',
  'screen-wake-lock',
  'speaker-selection',
  'payment-handler',
  'keyboard-lock',
  'pointer-lock',
  'nfc',
  'captured-surface-control',
  'accelerometer',
];

/** Every permission set to "denied" for an evidence browser's context. */
export const DENIED_PERMISSIONS: readonly { name: string; userVisibleOnly?: boolean }[] = [
  ...DENIED_NAMES.map((name) => ({ name })),
  // Chromium names push only together with userVisibleOnly.
  { name: 'push', userVisibleOnly: true },
];
