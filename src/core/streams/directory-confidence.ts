// How sure offline inference is of a session's stream, from the evidence it has. Review puts
// the least sure first, so these numbers order a person's attention:
//   a feature branch, or a separate worktree on one branch: the checkout exists for one piece
//     of work (high);
//   the default branch (or no branch known) of the main checkout: several topics mix (medium);
//   no directory at all, a detached HEAD, or a session that changed branch midway: a guess (low).

import { branchKind } from '../identity';
import { isMainWorkspace } from './project-identity';
import type { ProjectIdentity } from './stream-model';

export const HIGH_CONFIDENCE = 0.9;
export const MEDIUM_CONFIDENCE = 0.6;
export const LOW_CONFIDENCE = 0.4;
export const NO_DIRECTORY_CONFIDENCE = 0.3;

/** Below this share of its messages on one branch, a session counts as spanning branches. */
export const SINGLE_BRANCH_SHARE = 0.9;

export interface ConfidenceEvidence {
  identity: ProjectIdentity;
  projectPath: string | null;
  branch: string | null;
  branchShare: number | null;
}

export function directoryConfidence(evidence: ConfidenceEvidence): number {
  if (evidence.projectPath === null) return NO_DIRECTORY_CONFIDENCE;
  const kind = branchKind(evidence.branch);
  if (kind === 'detached') return LOW_CONFIDENCE;
  if (evidence.branchShare !== null && evidence.branchShare < SINGLE_BRANCH_SHARE) return LOW_CONFIDENCE;
  if (kind === 'feature' || !isMainWorkspace(evidence.identity)) return HIGH_CONFIDENCE;
  return MEDIUM_CONFIDENCE;
}
