// The code a refused call throws, so a test can say which refusal it expects in one line.
import { CodedError } from '@shared/result';

/** The CodedError's code the promise rejects with; 'THREW' for any other error, 'RESOLVED' if it was not refused. */
export const refusalCode = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    return e instanceof CodedError ? e.code : 'THREW';
  }
  return 'RESOLVED';
};
