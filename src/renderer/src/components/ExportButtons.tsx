import { useState } from 'react';
import { reportCsv, reportJson, sessionReportCsv, sessionReportJson } from '../../../shared/report-export';
import { useApi } from '../api/ApiContext';
import { explainError } from '../lib/errors';
import { dayKey, type Range } from '../lib/time';
import { useUi } from '../state/ui-store';

/** Saves the range on screen as the rows `tt report --csv` / `--json` print, per stream or per session. */
export function ExportButtons({ range }: { range: Range }) {
  const api = useApi();
  const toast = useUi((s) => s.toast);
  const [perSession, setPerSession] = useState(false);
  const save = async (kind: 'csv' | 'json') => {
    try {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      let text: string;
      if (perSession) {
        const rows = await api.sessionReport(range);
        text =
          kind === 'csv' ? sessionReportCsv(rows) : `${JSON.stringify(sessionReportJson(rows), null, 2)}\n`;
      } else {
        const report = await api.report({ ...range, by: 'stream' });
        text = kind === 'csv' ? reportCsv(report) : `${JSON.stringify(reportJson(report, zone), null, 2)}\n`;
      }
      const what = perSession ? 'sessions' : 'report';
      saveFile(
        text,
        kind === 'csv' ? 'text/csv' : 'application/json',
        `tt-${what}-${dayKey(range.start)}-to-${dayKey(range.end - 1)}.${kind}`,
      );
    } catch (error) {
      toast({ tone: 'error', ...explainError(error, 'Exporting') });
    }
  };
  const rows = perSession ? 'tt report --sessions' : 'tt report';
  return (
    <span className="export-buttons" role="group" aria-label="Export this range">
      <label title="One row per session instead of per stream">
        <input
          type="checkbox"
          checked={perSession}
          onChange={(event) => setPerSession(event.target.checked)}
          data-testid="export-per-session"
        />{' '}
        per session
      </label>
      <button type="button" onClick={() => void save('csv')} title={`The rows ${rows} --csv prints`}>
        Export CSV
      </button>
      <button type="button" onClick={() => void save('json')} title={`The rows ${rows} --json prints`}>
        Export JSON
      </button>
    </span>
  );
}

/** Hands `text` to the browser as a download named `name`. */
export function saveFile(text: string, type: string, name: string): void {
  const blob = new Blob([text], { type });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
