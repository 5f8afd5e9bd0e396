import { BADGE_TEXT, badgeLevel } from '../lib/confidence';

/** Text and colour, never colour alone; the exact score is in the title. */
export function ConfidenceBadge({ confidence, reviewed }: { confidence: number; reviewed: boolean }) {
  const level = badgeLevel(confidence, reviewed);
  const percent = Math.round(confidence * 100);
  return (
    <span
      className={`badge badge-${level}`}
      data-testid="badge"
      data-level={level}
      title={reviewed ? `Confirmed by you (inferred with ${percent}% confidence)` : `Confidence ${percent}%`}
    >
      {level === 'reviewed' ? '✓ ' : ''}
      {BADGE_TEXT[level]}
      {level !== 'reviewed' && <span className="visually-hidden"> confidence</span>}
    </span>
  );
}
