const MAX_LENGTH = 255;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

function clean(name: string): string | null {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(CONTROL_CHARACTERS, '').trim().slice(0, MAX_LENGTH);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : null;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** `filename*=UTF-8''…` (RFC 6266/5987) first, then `filename="…"` or `filename=token`. */
export function filenameFromContentDisposition(header: string | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([\w!#$&+.^`|~-]+)'[^']*'([^;\s]+)/i.exec(header);
  if (extended && /^utf-8$/i.test(extended[1])) {
    const decoded = decode(extended[2]);
    if (decoded !== null) return clean(decoded);
  }
  const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) return clean(quoted[1].replace(/\\(.)/g, '$1'));
  const token = /(?:^|;)\s*filename\s*=\s*([^;\s"]+)/i.exec(header);
  return token ? clean(token[1]) : null;
}

/** The file name a download is known by: the Content-Disposition one, else the url path's last segment. */
export function filenameOf(contentDisposition: string | undefined, url: URL): string | null {
  const fromHeader = filenameFromContentDisposition(contentDisposition);
  if (fromHeader) return fromHeader;
  const segment = url.pathname.split('/').pop() ?? '';
  return clean(decode(segment) ?? segment);
}
