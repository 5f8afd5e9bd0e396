import { confidenceLevel } from '../../../shared/wording';

export type BadgeLevel = 'reviewed' | 'high' | 'medium' | 'low';

/** high ≥ 0.8, medium ≥ 0.5, low below; a person's confirmation outranks any score. */
export function badgeLevel(confidence: number, reviewed: boolean): BadgeLevel {
  return reviewed ? 'reviewed' : confidenceLevel(confidence);
}

export const BADGE_TEXT: Record<BadgeLevel, string> = {
  reviewed: 'Reviewed',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

interface Reviewable {
  confidence: number;
  reviewed: boolean;
  directMs: number;
  delegatedMs: number;
  name: string;
}

/** Attention order: direct time, then delegated, then name. */
export function byAttention(a: Reviewable, b: Reviewable): number {
  return b.directMs - a.directMs || b.delegatedMs - a.delegatedMs || a.name.localeCompare(b.name);
}

/** Review order: unreviewed first, least confident first, then attention. */
export function byReviewPriority(a: Reviewable, b: Reviewable): number {
  if (a.reviewed !== b.reviewed) return a.reviewed ? 1 : -1;
  return a.confidence - b.confidence || byAttention(a, b);
}
