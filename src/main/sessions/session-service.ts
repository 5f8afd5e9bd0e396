import type { IndexOptions, IndexResult, SessionQuery, SessionSummary } from '../../shared/api';
import { notYet } from '../not-yet';
import type { ServiceContext } from '../service-context';

/** Indexing Claude Code transcripts into the store, and reading sessions back. */
export class SessionService {
  constructor(private readonly ctx: ServiceContext) {}

  async index(_options: IndexOptions = {}): Promise<IndexResult> {
    void this.ctx;
    return notYet('indexing sessions');
  }

  list(_query: SessionQuery = {}): SessionSummary[] {
    return notYet('listing sessions');
  }
}
