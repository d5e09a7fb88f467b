import './progress-bar.css';

/**
 * How far a long task is, as a bar and as text. The bar is a `progressbar` with its value in
 * numbers and in words (`aria-valuetext`), named by the text above it; the same words are shown
 * beside it, so the bar is never the only way to read the progress.
 */
export function ProgressBar({ label, value, max, text }: { label: string; value: number; max: number; text: string }) {
  // An empty task (max 0) is complete: the bar is full rather than divided by zero.
  const percent = max <= 0 ? 100 : Math.min(100, Math.round((value / max) * 100));
  return (
    <div className="lr-progress">
      <div className="lr-progress__label" id="progress-label">
        {label}
      </div>
      <div
        className="lr-progress__track"
        role="progressbar"
        aria-labelledby="progress-label"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={text}
        data-testid="progress"
      >
        <div className="lr-progress__bar" style={{ inlineSize: `${percent}%` }} />
      </div>
      <div className="lr-progress__text">
        {text} ({percent}%)
      </div>
    </div>
  );
}
