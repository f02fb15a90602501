// Dates as people in the UK type and read them (day/month/year, 24-hour clock), to and from the ISO forms the record
// and the IPC contract keep.

const DATE = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/;
const TIME = /^\s*(\d{1,2})\s*[:.]\s*(\d{2})\s*$/;

const pad = (n: number): string => String(n).padStart(2, '0');

/** "24/11/2026" (also 24.11.2026, 24-11-2026, 1/2/2026) as "2026-11-24"; null when it is not a real day. */
export const ukDateToIso = (text: string): string | null => {
  const m = DATE.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
};

/** "2026-11-24" as "24/11/2026"; anything else as it is. */
export const isoToUkDate = (iso: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};

/** "14:05" (or 9.05) as [14, 5]; null when it is not a time of day. */
export const clockToHourMinute = (text: string): [number, number] | null => {
  const m = TIME.exec(text);
  if (!m) return null;
  const [h, mi] = [Number(m[1]), Number(m[2])];
  return h <= 23 && mi <= 59 ? [h, mi] : null;
};

/** A date and time typed on this computer (its own time zone), as the instant they name; null if either is wrong. */
export const localDateTime = (date: string, time: string): Date | null => {
  const iso = ukDateToIso(date);
  const hm = clockToHourMinute(time);
  if (!iso || !hm) return null;
  const [y, mo, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, mo - 1, d, hm[0], hm[1]);
};

/** This computer's date and time now, as the two fields show them: ["24/11/2026", "14:05"]. */
export const localNow = (now: Date): [string, string] => [
  `${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()}`,
  `${pad(now.getHours())}:${pad(now.getMinutes())}`,
];
