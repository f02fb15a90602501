// One screen's frame: a clear heading (focused when the screen opens), one line on what to do next and why, and the
// policy's words.
import { useEffect, useRef, type ReactNode } from 'react';

export interface Quote {
  text: string;
  /** Where in the policy the words come from. */
  from: string;
  /** False when the policy has no words for this and these are the SWGfL template's. */
  ownWords?: boolean;
  /** Said when the policy is past its review date. */
  notice?: string | null;
}

/** A passage of the policy, saying whose words they are, and whether the policy is past its review date. */
export const PolicyQuote = ({ quote }: { quote: Quote }) => (
  <>
    <blockquote className="policy">
      <p>“{quote.text}”</p>
      <footer>
        {quote.ownWords === false
          ? `The SWGfL online safety policy template, ${quote.from}. Your policy has no words for this.`
          : `Your online safety policy, ${quote.from}`}
      </footer>
    </blockquote>
    {quote.notice && (
      <p className="notice review-due" role="note">
        {quote.notice}
      </p>
    )}
  </>
);

interface ScreenProps {
  title: string;
  /** What to do now, and why, in one or two sentences. */
  next: ReactNode;
  quote?: Quote;
  wide?: boolean;
  /** Shown above the heading (e.g. the incident bar). */
  before?: ReactNode;
  children?: ReactNode;
}

export const Screen = ({ title, next, quote, wide, before, children }: ScreenProps) => {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Keyboard and screen-reader users start at the top of each new screen, not where the last one left them.
    heading.current?.focus();
  }, [title]);
  return (
    <div className={wide ? 'page wide' : 'page'}>
      {before}
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <div className="next">
        <p className="next-label">What to do now</p>
        {next}
      </div>
      {quote && <PolicyQuote quote={quote} />}
      {children}
    </div>
  );
};
