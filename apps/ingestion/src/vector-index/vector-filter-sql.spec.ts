import { VectorInputError } from './vector-index.errors';
import { sqlIn, sqlString, vectorFilterSql } from './vector-filter-sql';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('vectorFilterSql', () => {
  it('quotes strings by doubling quotes', () => {
    expect(sqlString("it's")).toBe("'it''s'");
    expect(sqlIn('chunk_id', ['a', "b'"])).toBe("chunk_id IN ('a', 'b''')");
  });

  it('matches everything without a filter or with no fields', () => {
    expect(vectorFilterSql()).toBeUndefined();
    expect(vectorFilterSql({})).toBeUndefined();
  });

  it('matches nothing when a list is empty', () => {
    expect(vectorFilterSql({ objectIds: [] })).toBeNull();
    expect(vectorFilterSql({ dataSourceIds: [A], tags: [] })).toBeNull();
  });

  it('combines object, data source and any-of-tags conditions, ids lower-cased and deduplicated', () => {
    expect(
      vectorFilterSql({ objectIds: [A, A.toUpperCase(), B], dataSourceIds: [B], tags: ['hr', 'legal', 'hr'] }),
    ).toBe(`object_id IN ('${A}', '${B}') AND data_source_id IN ('${B}') AND array_has_any(tags, ['hr', 'legal'])`);
  });

  it('refuses ids that are not UUIDs and tags off the pattern, before building SQL', () => {
    expect(() => vectorFilterSql({ objectIds: ["x') OR true OR ('"] })).toThrow(VectorInputError);
    expect(() => vectorFilterSql({ dataSourceIds: ['1'] })).toThrow('dataSourceId must be a UUID');
    expect(() => vectorFilterSql({ tags: ["hr'] OR true --"] })).toThrow(VectorInputError);
  });
});
