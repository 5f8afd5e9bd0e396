import { reportCsv, reportJson } from '../../../shared/report-export';
import { useApi } from '../api/ApiContext';
import { explainError } from '../lib/errors';
import { dayKey, type Range } from '../lib/time';
import { useUi } from '../state/ui-store';

/** Saves the range on screen as the rows `tt report --csv` / `--json` print. */
export function ExportButtons({ range }: { range: Range }) {
  const api = useApi();
  const toast = useUi((s) => s.toast);
  const save = async (kind: 'csv' | 'json') => {
    try {
      const report = await api.report({ ...range, by: 'stream' });
      const text =
        kind === 'csv'
          ? reportCsv(report)
          : `${JSON.stringify(reportJson(report, Intl.DateTimeFormat().resolvedOptions().timeZone), null, 2)}\n`;
      saveFile(
        text,
        kind === 'csv' ? 'text/csv' : 'application/json',
        `tt-report-${dayKey(range.start)}-to-${dayKey(range.end - 1)}.${kind}`,
      );
    } catch (error) {
      toast({ tone: 'error', ...explainError(error, 'Exporting') });
    }
  };
  return (
    <span className="export-buttons" role="group" aria-label="Export this range">
      <button type="button" onClick={() => void save('csv')} title="The rows tt report --csv prints">
        Export CSV
      </button>
      <button type="button" onClick={() => void save('json')} title="The rows tt report --json prints">
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
