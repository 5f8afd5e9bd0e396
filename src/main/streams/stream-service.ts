import type { EditResult, InferOptions, InferResult, StreamSummary, UndoResult } from '../../shared/api';
import { notYet } from '../not-yet';
import type { ServiceContext } from '../service-context';

/** A stream as stored, before the time allocation adds its totals. */
export type StoredStream = Omit<StreamSummary, 'directMs' | 'delegatedMs'>;

/** Inference (by directory, or with Claude) and a person's edits to streams, all undoable. */
export class StreamService {
  constructor(private readonly ctx: ServiceContext) {}

  async infer(_options: InferOptions): Promise<InferResult> {
    void this.ctx;
    return notYet('stream inference');
  }

  list(): StoredStream[] {
    return notYet('listing streams');
  }

  rename(_id: string, _name: string): EditResult {
    return notYet('renaming streams');
  }

  confirm(_id: string): EditResult {
    return notYet('confirming streams');
  }

  merge(_from: string, _into: string): EditResult {
    return notYet('merging streams');
  }

  moveSession(_sessionId: string, _streamId: string): EditResult {
    return notYet('moving sessions');
  }

  undo(): UndoResult {
    return notYet('undo');
  }
}
