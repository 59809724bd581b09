import type { LookupAddress } from 'node:dns';
import { FetchRefusedError } from './fetch-errors';
import { createSafeLookup } from './safe-lookup';

function lookupWith(addresses: LookupAddress[] | NodeJS.ErrnoException, all: boolean) {
  const lookup = createSafeLookup((_, options, callback) => {
    expect(options.all).toBe(true);
    return addresses instanceof Error ? callback(addresses, []) : callback(null, addresses);
  });
  return new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
    lookup('files.example', { all }, (error, address, family) => resolve({ error, address, family })),
  );
}

describe('createSafeLookup', () => {
  const publicV4 = { address: '93.184.215.14', family: 4 };
  const publicV6 = { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 };

  it('passes public addresses through, as a list or the first one', async () => {
    expect(await lookupWith([publicV4, publicV6], true)).toEqual({
      error: null,
      address: [publicV4, publicV6],
      family: undefined,
    });
    expect(await lookupWith([publicV6, publicV4], false)).toEqual({
      error: null,
      address: publicV6.address,
      family: 6,
    });
  });

  it.each([
    ['only a private address', [{ address: '10.0.0.5', family: 4 }]],
    ['a public and a loopback address (rebinding)', [publicV4, { address: '127.0.0.1', family: 4 }]],
    ['a mapped metadata address', [{ address: '::ffff:169.254.169.254', family: 6 }]],
    ['no address at all', []],
  ])('refuses a name with %s', async (_, addresses) => {
    const { error } = await lookupWith(addresses, true);
    expect(error).toBeInstanceOf(FetchRefusedError);
    expect((error as FetchRefusedError).code).toBe('private_address');
  });

  it('passes resolver errors on', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND files.example'), { code: 'ENOTFOUND' });
    expect((await lookupWith(notFound, false)).error).toBe(notFound);
  });
});
