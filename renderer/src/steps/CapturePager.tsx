// Turning the pages of a long list of captures: first, previous, next and last, with where the page is said aloud.

/** Captures drawn at once: enough to read and describe in a sitting, few enough to open at once with hundreds. */
export const CAPTURES_PER_PAGE = 20;

/** Where the last page of a list of this many captures starts. */
export const lastPageStart = (count: number): number =>
  Math.max(0, Math.floor((count - 1) / CAPTURES_PER_PAGE) * CAPTURES_PER_PAGE);

interface PagerProps {
  /** The index of the first capture shown. */
  from: number;
  /** How many are shown. */
  shown: number;
  count: number;
  onTurn(to: number): void;
}

export const CapturePager = ({ from, shown, count, onTurn }: PagerProps) => {
  const last = lastPageStart(count);
  return (
    <nav className="capture-pages" aria-label="Pages of captures">
      <p role="status" aria-live="polite" className="small">
        Showing captures {from + 1} to {from + shown} of {count}
      </p>
      <div className="actions">
        <button type="button" disabled={from === 0} onClick={() => onTurn(0)} aria-label="First page of captures">
          First
        </button>
        <button
          type="button"
          disabled={from === 0}
          onClick={() => onTurn(from - CAPTURES_PER_PAGE)}
          aria-label="Previous page of captures"
        >
          Previous
        </button>
        <button
          type="button"
          disabled={from >= last}
          onClick={() => onTurn(from + CAPTURES_PER_PAGE)}
          aria-label="Next page of captures"
        >
          Next
        </button>
        <button type="button" disabled={from >= last} onClick={() => onTurn(last)} aria-label="Last page of captures">
          Last
        </button>
      </div>
    </nav>
  );
};
