// What `tt report --by` (and the report API) can put in a row: a stream, a project, the coding
// agent that did the work, or the machine it was recorded on. One list, so the schema, the CLI
// and the service agree.
export const REPORT_GROUPINGS = ['stream', 'project', 'agent', 'machine'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];
