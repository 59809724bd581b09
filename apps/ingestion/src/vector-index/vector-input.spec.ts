import { VectorInputError } from './vector-index.errors';
import { checkTag, checkVector, isZeroVector, tenantTableName, uuidOf } from './vector-input';

describe('vector index input checks', () => {
  it('names a tenant table after the lower-case UUID without dashes', () => {
    expect(tenantTableName('6F9619FF-8B86-D011-B42D-00C04FC964FF')).toBe('tenant_6f9619ff8b86d011b42d00c04fc964ff');
    const perModel = tenantTableName('6F9619FF-8B86-D011-B42D-00C04FC964FF', 'feature-hashing-v1-384');
    expect(perModel).toMatch(/^tenant_6f9619ff8b86d011b42d00c04fc964ff_m[0-9a-f]{12}$/);
    expect(tenantTableName('6F9619FF-8B86-D011-B42D-00C04FC964FF', 'text-embedding-3-small')).not.toBe(perModel);
  });

  it.each([
    '',
    'tenant',
    '6f9619ff-8b86-d011-b42d-00c04fc964f',
    "6f9619ff-8b86-d011-b42d-00c04fc964ff' OR 1=1",
    '../etc',
  ])('refuses %j as an id', (value) => {
    expect(() => uuidOf(value, 'tenantId')).toThrow(new VectorInputError('tenantId must be a UUID'));
    expect(() => tenantTableName(value)).toThrow(VectorInputError);
  });

  it('accepts tags of the API pattern only', () => {
    expect(checkTag('finance:q3-2025.v2')).toBe('finance:q3-2025.v2');
    for (const tag of ["it's", 'UPPER', '', 'a b', 'x'.repeat(65), "a') OR true --"]) {
      expect(() => checkTag(tag)).toThrow(VectorInputError);
    }
  });

  it('accepts Float32Arrays of the right width with finite values only', () => {
    const vector = new Float32Array([0.6, 0.8]);
    expect(checkVector(vector, 2)).toBe(vector);
    expect(() => checkVector(new Float32Array(3), 2)).toThrow('a vector must be a Float32Array of 2 dimensions');
    expect(() => checkVector([0.6, 0.8] as unknown as Float32Array, 2)).toThrow(VectorInputError);
    expect(() => checkVector(new Float32Array([NaN, 1]), 2)).toThrow('a vector holds a non-finite value');
  });

  it('recognises the all-zero vector', () => {
    expect(isZeroVector(new Float32Array(4))).toBe(true);
    expect(isZeroVector(new Float32Array([0, 0, 1e-9, 0]))).toBe(false);
  });
});
