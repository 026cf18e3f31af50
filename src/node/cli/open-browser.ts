// Opening the console in the user's browser, the way MCP Inspector and `vite --open` do — with the
// platform's own opener, started detached and never waited for, so a missing opener costs nothing but the
// tab (the URL is printed anyway). No dependency: `open`, `cmd /c start`, `xdg-open`.
import { spawn } from 'node:child_process';

export type BrowserDecision = { open: true } | { open: false; why: string };

/** Whether to open a browser: not with --no-open, not under CI, not without a display (Linux/BSD). */
export function browserDecision(
  noOpenFlag: boolean,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
): BrowserDecision {
  if (noOpenFlag) return { open: false, why: '--no-open' };
  if (env.CI !== undefined && env.CI !== '' && env.CI !== 'false') return { open: false, why: 'CI is set' };
  const graphical = platform === 'darwin' || platform === 'win32';
  if (!graphical && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { open: false, why: 'no display' };
  return { open: true };
}

/** The command that opens `url` in the default browser on `platform`. */
export function browserCommand(url: string, platform: NodeJS.Platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // start's first quoted argument is a window title; the URL carries no & or ^ (query values are encoded).
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: [url] };
}

/** Starts the opener and forgets it: errors (no xdg-open…) are ignored, the process is not waited for. */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const { command, args } = browserCommand(url, platform);
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The URL is on the terminal; a missing opener is not worth an error.
  }
}
