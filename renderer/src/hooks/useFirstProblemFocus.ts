// After a form's answers are checked and some need attention, the focus goes to the first of them: pressed at the foot
// of a long form, a summary at its top alone was out of sight, and the button seemed to do nothing.
import { useEffect, useRef } from 'react';

/** Gives the form's ref; each new set of problems that is not empty moves the focus to the first answer marked. */
export const useFirstProblemFocus = (problems: Readonly<Record<string, string>>) => {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (Object.keys(problems).length === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);
  return form;
};
