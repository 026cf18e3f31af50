// What the benchmark runs inside the browser. Every time is taken IN the page with performance.now()
// (never with Node timers), and long tasks come from the page's own PerformanceObserver.

/** The bare page: the browser's own ceiling. Opens the socket, counts messages until the close. */
export const BARE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare WebSocket counter</title></head>
<body><p id="out">idle</p>
<label for="token">Token</label><textarea id="token" rows="4" cols="80" spellcheck="false" style="word-break: break-all"></textarea>
<script>
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  window.runFlood = (url) => new Promise((resolve) => {
    const t0 = performance.now();
    let count = 0;
    const ws = new WebSocket(url);
    ws.onmessage = () => { count++; };
    ws.onclose = (e) => {
      const t1 = performance.now();
      document.getElementById('out').textContent = count + ' messages';
      resolve({ count, ms: t1 - t0, code: e.code, t0, t1 });
    };
  });
</script></body></html>`;

/**
 * Installed before the console's own scripts (addInitScript): long tasks, the Connect click time and the
 * moment the close entry appears in the log (a MutationObserver on the log, so nothing polls).
 */
export const CONSOLE_INSTRUMENTATION = `(() => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  window.__events = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__events.push([e.name, e.startTime, e.duration, e.processingStart - e.startTime, e.processingEnd - e.processingStart]); })
      .observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch (e) {}
  window.__bench = { clickAt: null, closeAt: null };
  document.addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest('button') : null;
    if (b && b.textContent.trim() === 'Connect' && window.__bench.clickAt === null) window.__bench.clickAt = performance.now();
  }, true);
  window.__watchClose = () => new Promise((resolve) => {
    const log = document.querySelector('[role="log"][aria-label="Event log"]');
    const done = () => {
      if (window.__bench.closeAt === null && log.querySelector('[data-event="close"]')) {
        window.__bench.closeAt = performance.now();
        obs.disconnect();
        resolve(window.__bench.closeAt);
        return true;
      }
      return false;
    };
    const obs = new MutationObserver(done);
    obs.observe(log, { childList: true, subtree: true });
    done();
  });
})();`;
