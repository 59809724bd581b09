import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@rag/http';
import { ObjectContent } from './object-content';
import { ObjectTooLargeError } from './object.errors';

export interface MultipartUpload {
  fields: Record<string, string[]>;
  content: ObjectContent;
}

class MissingFileError extends ApiError {
  constructor() {
    super(HttpStatus.BAD_REQUEST, 'file_missing', 'a multipart upload needs one `file` part');
  }
}

class MultipartError extends ApiError {
  constructor(message: string) {
    super(HttpStatus.BAD_REQUEST, 'invalid_multipart', message);
  }
}

/** Reads a multipart upload: its text fields and exactly one file part named `file`, bounded in size. */
export async function readMultipartUpload(request: FastifyRequest, maxBytes: number): Promise<MultipartUpload> {
  const fields: Record<string, string[]> = {};
  let content: ObjectContent | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string') throw new MultipartError(`field ${part.fieldname} must be text`);
        (fields[part.fieldname] ??= []).push(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || content) throw new MultipartError('send exactly one file part, named `file`');
      content = await readFile(part, maxBytes);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new ObjectTooLargeError(maxBytes);
    if (code?.startsWith('FST_')) throw new MultipartError((error as Error).message);
    throw error;
  }
  if (!content) throw new MissingFileError();
  return { fields, content };
}

async function readFile(part: MultipartFile, maxBytes: number): Promise<ObjectContent> {
  const body = await part.toBuffer();
  if (part.file.truncated || body.length > maxBytes) throw new ObjectTooLargeError(maxBytes);
  return {
    body,
    declaredType: part.mimetype || null,
    filename: part.filename || null,
    origin: 'upload',
  };
}
