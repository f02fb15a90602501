// The one result shape every service and IPC reply uses, with the stable error codes (docs/formats/command-line.md).
export const ERROR_CODES = [
  'PROCEDURE_FORBIDS',
  'CAPTURE_LOCKED',
  'SAME_PERSON',
  'BAD_PASSPHRASE',
  'NAVIGATION_BLOCKED',
  'INVALID_INPUT',
  'NOT_FOUND',
  'WRONG_COMPUTER',
  'CORRUPT',
  'ROLLED_BACK',
  'IO_ERROR',
  'CANCELLED',
  'FORBIDDEN_SENDER',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(code: ErrorCode, message: string): Result<T> => ({
  ok: false,
  error: { code, message },
});

/** An error that carries a stable code, for services that throw across async boundaries. */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}

export const toAppError = (e: unknown): AppError =>
  e instanceof CodedError
    ? { code: e.code, message: e.message }
    : { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
