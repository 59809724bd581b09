import { ArgumentMetadata } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ApiError } from './api-error';
import { createValidationPipe } from './validation.pipe';
import { IsJsonObject, IsOptionalNonNull, PRINTABLE, Trim } from './validators';

class CreateThingDto {
  @Trim()
  @IsString()
  @MaxLength(5)
  @Matches(PRINTABLE)
  name!: string;

  @IsOptional()
  @IsJsonObject(16)
  metadata?: Record<string, unknown>;

  @IsOptionalNonNull()
  @IsInt()
  retentionDays?: number;
}

const metadata: ArgumentMetadata = { type: 'body', metatype: CreateThingDto };

async function validate(body: unknown): Promise<CreateThingDto> {
  return (await createValidationPipe().transform(body, metadata)) as CreateThingDto;
}

async function problems(body: unknown): Promise<{ field: string; problems: string[] }[]> {
  try {
    await validate(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.getStatus()).toBe(400);
    const response = apiError.getResponse() as {
      error: { code: string; message: string; details: { field: string; problems: string[] }[] };
    };
    expect(response.error.code).toBe('validation_failed');
    expect(response.error.message).toBe('the request is invalid');
    return response.error.details;
  }
  throw new Error(`accepted ${JSON.stringify(body)}`);
}

const fields = async (body: unknown) => (await problems(body)).map((problem) => problem.field);

describe('validation of request bodies', () => {
  it('trims strings before checking them', async () => {
    expect(await validate({ name: '  abcde  ' })).toEqual(Object.assign(new CreateThingDto(), { name: 'abcde' }));
    expect(await fields({ name: '  abcdef ' })).toEqual(['name']);
  });

  it('leaves non-strings to the type checks', async () => {
    expect(await problems({ name: 42 })).toEqual([
      { field: 'name', problems: expect.arrayContaining(['name must be a string']) },
    ]);
  });

  it('refuses control characters', async () => {
    expect(await fields({ name: 'a\nb' })).toEqual(['name']);
    expect(await fields({ name: 'a\u0000' })).toEqual(['name']);
    expect(PRINTABLE.test('héllo wörld ✓')).toBe(true);
  });

  it('accepts a JSON object within the byte limit, counting bytes not characters', async () => {
    expect((await validate({ name: 'a', metadata: { k: 'vvvvvv' } })).metadata).toEqual({ k: 'vvvvvv' }); // 14 bytes
    expect((await validate({ name: 'a', metadata: { k: 'vvvvvvvv' } })).metadata).toEqual({ k: 'vvvvvvvv' }); // 16 bytes
    expect(await fields({ name: 'a', metadata: { k: 'vvvvvvvvv' } })).toEqual(['metadata']); // 17 bytes
    expect(await fields({ name: 'a', metadata: { k: 'éééééé' } })).toEqual(['metadata']); // 14 characters, 20 bytes
  });

  it.each([[['a']], ['text'], [7]])('refuses metadata %j that is not an object', async (value) => {
    expect(await problems({ name: 'a', metadata: value })).toEqual([
      { field: 'metadata', problems: ['metadata must be a JSON object of at most 16 bytes'] },
    ]);
  });

  it('skips an absent optional field but checks an explicit null', async () => {
    expect((await validate({ name: 'a' })).retentionDays).toBeUndefined();
    expect((await validate({ name: 'a', retentionDays: 30 })).retentionDays).toBe(30);
    expect(await fields({ name: 'a', retentionDays: null })).toEqual(['retentionDays']);
    expect((await validate({ name: 'a', metadata: null })).metadata).toBeNull();
  });

  it('refuses unknown fields and lists every problem', async () => {
    const found = await problems({ name: 'toolong', admin: true, retentionDays: 'x' });
    expect(found).toHaveLength(3);
    expect(found).toEqual(
      expect.arrayContaining([
        { field: 'name', problems: ['name must be shorter than or equal to 5 characters'] },
        { field: 'retentionDays', problems: ['retentionDays must be an integer number'] },
        { field: 'admin', problems: ['property admin should not exist'] },
      ]),
    );
  });
});
