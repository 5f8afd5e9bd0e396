import type { Report, ReportQuery, TimelineData } from '../../shared/api';
import { notYet } from '../not-yet';
import type { ServiceContext } from '../service-context';

export interface StreamTotals {
  directMs: number;
  delegatedMs: number;
}

/** Direct and delegated time, from one allocation that the timeline, lists and reports share. */
export class TimeService {
  constructor(private readonly ctx: ServiceContext) {}

  timeline(_range: { start: number; end: number }): TimelineData {
    void this.ctx;
    return notYet('the timeline');
  }

  report(_query: ReportQuery): Report {
    return notYet('reports');
  }

  /** Totals per stream id for a range, for the stream list. */
  streamTotals(_range: { start: number; end: number }): Map<string, StreamTotals> {
    return notYet('time totals');
  }
}
