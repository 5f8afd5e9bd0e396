import type { EventQuery, EventRecord, ImportResult } from '../../shared/api';
import { notYet } from '../not-yet';
import type { ServiceContext } from '../service-context';

/** Importing appended focus events into the store, with project identity, and reading them. */
export class EventService {
  constructor(private readonly ctx: ServiceContext) {}

  async import(): Promise<ImportResult> {
    void this.ctx;
    return notYet('importing events');
  }

  list(_query: EventQuery = {}): EventRecord[] {
    return notYet('listing events');
  }
}
