// Dates and times as staff in England read them (UK time, day month year), from the UTC the journal records.
const ZONE = 'Europe/London';

const dateFmt = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, day: 'numeric', month: 'short', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const longFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

export const day = (iso: string): string => (iso ? dateFmt.format(new Date(iso)) : '');
export const time = (iso: string): string => (iso ? timeFmt.format(new Date(iso)) : '');
export const when = (iso: string): string => (iso ? `${day(iso)}, ${time(iso)}` : '');
export const longDay = (d: Date): string => longFmt.format(d);

/** A local date-time for an <input type="datetime-local"> (the computer's own time zone). */
export const localInputValue = (d: Date): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** "1 incident", "3 incidents". */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
