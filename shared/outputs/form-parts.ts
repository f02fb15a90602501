// Small pieces of the incident form's HTML that its sections share: a labelled row, a table's heading row, and the
// line that says when and by whom something was recorded.
import { dateTime, escapeHtml } from './html';

/** A row of a two-column table: the label as its heading, the value already HTML. */
export const row = (label: string, value: string): string =>
  `<tr><th scope="row">${escapeHtml(label)}</th><td>${value}</td></tr>`;

/** A table's heading row: a column given as [heading, width] is fixed at that width. */
export const headRow = (...cols: (string | [string, string])[]): string => {
  const th = (c: string | [string, string]): string =>
    typeof c === 'string' ? `<th>${c}</th>` : `<th style="width:${c[1]}">${c[0]}</th>`;
  return `<thead><tr>${cols.map(th).join('')}</tr></thead>`;
};

/** The small grey line under an answer that says when and by whom, e.g. "Recorded 24 November 2026, … by A. Head". */
export const stampLine = (
  verb: string,
  stamp: { at: string; by: { name: string } },
  tz: string,
  after = '',
): string => {
  const when = `${escapeHtml(dateTime(stamp.at, tz))} by ${escapeHtml(stamp.by.name)}`;
  return `<div class="meta small muted">${verb} ${when}${after}</div>`;
};
