// "Export log": loaded on first use (it is not needed to show the console).
import { logExportFileName, serializeLogExport } from '../../core/index.ts';
import { logBuffer } from '../../store/log.ts';
import { useConsole } from '../../store/store.ts';

/** Downloads every kept event as JSON with the token, token signatures, the secret and URL credentials removed. */
export function downloadLogExport(now = Date.now()): void {
  const s = useConsole.getState();
  const json = serializeLogExport(
    logBuffer.snapshot(),
    { exportedAt: now, total: logBuffer.total, dropped: logBuffer.dropped, cap: logBuffer.cap },
    {
      token: s.analysis.token,
      secret: s.secretText,
      paramName: s.paramName,
      urls: [s.serverUrl, s.tokenInput, s.connection.ok ? s.connection.url : ''],
    },
  );
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = logExportFileName(now);
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
