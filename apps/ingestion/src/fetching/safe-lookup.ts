import { lookup as dnsLookup, LookupAddress, LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { FetchRefusedError } from './fetch-errors';
import { isPublicAddress } from './public-address';

type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A socket `lookup` that refuses a host when any of its addresses is not public. It runs at
 * connect time, so the checked address is the one connected to: no DNS-rebinding gap.
 */
export function createSafeLookup(resolve: Resolver = dnsLookup as Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.length === 0 ? undefined : addresses.find(({ address }) => !isPublicAddress(address));
      if (addresses.length === 0 || refused) {
        const refusal = new FetchRefusedError('private_address', `${hostname} resolves to a non-public address`);
        return callback(refusal as NodeJS.ErrnoException, '');
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
