// What `tt report --by` (and the report API) can put in a row: a stream, a project, or the
// coding agent that did the work. One list, so the schema, the CLI and the service agree.
export const REPORT_GROUPINGS = ['stream', 'project', 'agent'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];
