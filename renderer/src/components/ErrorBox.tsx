// An error as a person can act on it: what happened (the main process's words) and what to do next.
import type { AppError, ErrorCode } from '@shared/result';

const NEXT: Partial<Record<ErrorCode, string>> = {
  BAD_PASSPHRASE:
    'Type the passphrase again, slowly. After a few wrong tries Countersign waits a little longer before each new try.',
  SAME_PERSON:
    'The procedure needs two different senior members of staff. Ask the other person to type their own passphrase.',
  PROCEDURE_FORBIDS:
    'The procedure does not allow this at this point. Follow the instruction at the top of the screen.',
  CAPTURE_LOCKED: 'No image may be taken in this incident any more. Follow the police-referral steps.',
  NAVIGATION_BLOCKED: 'Only web addresses starting http:// or https:// can be opened. Check the address and try again.',
  INVALID_INPUT: 'Check what you typed and try again.',
  WRONG_COMPUTER: 'Carry on with this incident on the computer it was started on.',
  CORRUPT:
    'Do not change anything on this computer. Ask your IT support ' +
    'or the Local Authority for help, and keep the laptop safe.',
  ROLLED_BACK:
    'Do not continue on this computer and change nothing on it. Tell your designated safeguarding lead and IT ' +
    'support, and compare with the printed forms and any exported bundles.',
  IO_ERROR: 'Check the drive or folder, then try again.',
  INTERNAL:
    'Nothing you typed has been lost. Try again; if it happens again, write down this message and ask for help.',
};

export const ErrorBox = ({ error, title = 'That did not work' }: { error: AppError | null; title?: string }) => {
  if (!error) return null;
  const next = NEXT[error.code];
  return (
    <div className="error" role="alert">
      <h2>{title}</h2>
      <p>{error.message}</p>
      {next && <p>{next}</p>}
    </div>
  );
};
