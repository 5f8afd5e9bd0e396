import {
  bcubed,
  pairwise,
  type ClusteredItem,
  type PrecisionRecall,
} from '../../core/streams/clustering-quality';
import type { StreamRepo } from './stream-repo';

// `tt streams quality`: how close the latest offline and LLM proposals came to what the person
// decided. The truth is the stream a reviewed session is in now; a session is reviewed when a
// person placed it (moved it, confirmed or merged its stream) or renamed its stream. Subagents
// follow their parent and are left out; each session weighs its duration (at least a minute).

/** A session shorter than this (or a single message) still weighs this much. */
export const MIN_SESSION_WEIGHT_MS = 60_000;

export type ProposalSource = 'directory' | 'llm';

export interface SourceQuality {
  source: ProposalSource;
  /** how many reviewed sessions this source proposed a stream for: what the figures rest on */
  sessions: number;
  /** when this source last proposed a stream for one of them (epoch ms), null when never */
  latestRunAt: number | null;
  /** null when `sessions` is 0 */
  bcubed: PrecisionRecall | null;
  pairwise: PrecisionRecall | null;
}

export interface StreamQualityReport {
  reviewedSessions: number;
  sources: SourceQuality[];
}

export function streamQuality(repo: StreamRepo): StreamQualityReport {
  const rows = repo.reviewedProposals(MIN_SESSION_WEIGHT_MS);
  const reviewed = new Set(rows.map((row) => row.session_id));
  const sources = (['directory', 'llm'] as const).map((source): SourceQuality => {
    const mine = rows.filter((row) => row.source === source);
    const items: ClusteredItem[] = mine.map((row) => ({
      weight: row.weight,
      proposed: row.proposed!,
      truth: row.truth,
    }));
    const latest = mine.reduce<number | null>((max, row) => Math.max(max ?? 0, row.proposed_at!), null);
    return {
      source,
      sessions: items.length,
      latestRunAt: latest,
      bcubed: items.length > 0 ? bcubed(items) : null,
      pairwise: items.length > 0 ? pairwise(items) : null,
    };
  });
  return { reviewedSessions: reviewed.size, sources };
}
