// Date and time fields in the UK form (day/month/year, 24-hour clock), typed as text: the browser's own date
// pickers show the operating system's order, which on many school laptops is month/day/year.
import { useEffect, useState } from 'react';
import { isoToUkDate, ukDateToIso } from '@shared/outputs/uk-dates';
import { TextField } from './Fields';

const DATE_HINT = 'Day/month/year, for example 24/11/2026.';
const WRONG_DATE = 'Write the date as day/month/year, for example 24/11/2026.';

interface DateProps {
  label: string;
  hint?: string;
  /** The day as YYYY-MM-DD, or '' for none. */
  value: string;
  onChange(iso: string): void;
}

/**
 * A day, typed as day/month/year. The value given and returned is YYYY-MM-DD ('' when the box is empty); while what is
 * typed is not yet a real day, the value stays as it was and the box says what is wrong.
 */
export const DateField = ({ label, hint, value, onChange }: DateProps) => {
  const [text, setText] = useState(isoToUkDate(value));
  useEffect(() => {
    // A change from outside (a saved filter read, a reset) shows in the box; what is being typed is left alone.
    setText((typed) =>
      ukDateToIso(typed) === value || (typed.trim() === '' && value === '') ? typed : isoToUkDate(value),
    );
  }, [value]);
  const wrong = text.trim() !== '' && ukDateToIso(text) === null;
  return (
    <TextField
      label={label}
      hint={hint ?? DATE_HINT}
      value={text}
      className="date"
      error={wrong ? WRONG_DATE : null}
      onChange={(t) => {
        setText(t);
        const iso = ukDateToIso(t);
        if (iso !== null) onChange(iso);
        else if (t.trim() === '') onChange('');
      }}
    />
  );
};

interface DateTimeProps {
  legend: string;
  date: string;
  time: string;
  onChange(next: { date: string; time: string }): void;
  error?: string | null;
}

/** A moment, as a day/month/year and a 24-hour time on this computer's clock, each in its own box. */
export const DateTimeFields = ({ legend, date, time, onChange, error }: DateTimeProps) => (
  <fieldset className="datetime">
    <legend>{legend}</legend>
    {error && <span className="field-error">{error}</span>}
    <div className="two-col narrow">
      <TextField
        label="Date"
        hint={DATE_HINT}
        value={date}
        className="date"
        error={date.trim() !== '' && ukDateToIso(date) === null ? WRONG_DATE : null}
        onChange={(d) => onChange({ date: d, time })}
      />
      <TextField
        label="Time"
        hint="24-hour clock, for example 14:05."
        value={time}
        className="time"
        onChange={(t) => onChange({ date, time: t })}
      />
    </div>
  </fieldset>
);
