import { isIP } from 'node:net';
import { FetchRefusedError } from './fetch-errors';
import { isPublicAddress } from './public-address';

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * Parses `url` (relative to `base` for a redirect) and refuses what is never fetched: other
 * schemes, credentials, and literal IP hosts that are not public (names are checked at connect
 * time by the safe lookup). Hosts in `allowedHosts` (`host` or `host:port`) skip the address check.
 */
export function fetchTarget(url: string, allowedHosts: string[], base?: URL): { target: URL; allowed: boolean } {
  let target: URL;
  try {
    target = new URL(url, base);
  } catch {
    throw new FetchRefusedError('invalid_url', 'not a valid url');
  }
  if (!(target.protocol in DEFAULT_PORTS)) {
    throw new FetchRefusedError(
      'unsupported_scheme',
      `only http and https urls can be fetched, not ${target.protocol}`,
    );
  }
  if (target.username || target.password) {
    throw new FetchRefusedError('credentials_in_url', 'urls with credentials are not fetched');
  }
  const allowed = isAllowedHost(target, allowedHosts);
  const ip = target.hostname.replace(/^\[|\]$/g, '');
  if (!allowed && isIP(ip) && !isPublicAddress(ip)) {
    throw new FetchRefusedError('private_address', `${target.hostname} is not a public address`);
  }
  return { target, allowed };
}

export function isAllowedHost(target: URL, allowedHosts: string[]): boolean {
  const host = target.hostname.toLowerCase();
  const hostAndPort = `${host}:${target.port || DEFAULT_PORTS[target.protocol]}`;
  return allowedHosts.some((entry) => {
    const normalized = entry.trim().toLowerCase();
    return normalized === host || normalized === hostAndPort;
  });
}
