// Extra request headers for the local relay (the console's `Extra headers` field, like the CLI's
// --header): one "Name: value" per line. Blank lines are skipped; a line that is not a header is named.
export interface HeaderLines {
  headers: Record<string, string>;
  problems: string[];
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// eslint-disable-next-line no-control-regex -- a header value holds no control characters
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

export function parseHeaderLines(text: string): HeaderLines {
  const out: HeaderLines = { headers: {}, problems: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const colon = line.indexOf(':');
    const name = colon === -1 ? '' : line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (!HEADER_NAME.test(name))
      out.problems.push(`Extra headers, line ${i + 1}: write "Name: value", got "${line.slice(0, 60)}"`);
    else if (CONTROL.test(value))
      out.problems.push(`Extra headers, line ${i + 1}: the value of ${name} holds control characters`);
    else out.headers[name] = value;
  });
  return out;
}
