import { chunkId } from './chunk-ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('chunkId', () => {
  const objectId = '0b7c5d2e-3f4a-4b5c-8d6e-7f8091a2b3c4';

  it('is a well-formed UUID, the same for the same object and index', () => {
    expect(chunkId(objectId, 0)).toMatch(UUID);
    expect(chunkId(objectId, 0)).toBe(chunkId(objectId, 0));
  });

  it('differs between indexes and objects', () => {
    const ids = new Set([
      chunkId(objectId, 0),
      chunkId(objectId, 1),
      chunkId('1b7c5d2e-3f4a-4b5c-8d6e-7f8091a2b3c4', 0),
    ]);
    expect(ids.size).toBe(3);
  });
});
