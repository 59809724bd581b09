import { HttpStatus } from '@nestjs/common';
import { ApiError } from '@rag/http';

export class UrlRefusedError extends ApiError {
  constructor(reason: string, code: string) {
    super(HttpStatus.BAD_REQUEST, 'url_refused', `the URL cannot be fetched: ${reason}`, { reason: code });
  }
}

export class FetchFailedApiError extends ApiError {
  constructor(reason: string, code: string, status?: number) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, 'fetch_failed', `fetching the URL failed: ${reason}`, {
      reason: code,
      ...(status === undefined ? {} : { status }),
    });
  }
}

export class ObjectTooLargeError extends ApiError {
  constructor(maxBytes: number) {
    super(HttpStatus.PAYLOAD_TOO_LARGE, 'object_too_large', `objects are limited to ${maxBytes} bytes`, { maxBytes });
  }
}

export class EmptyObjectError extends ApiError {
  constructor() {
    super(HttpStatus.UNPROCESSABLE_ENTITY, 'empty_object', 'the object has no content');
  }
}

export class UnsupportedContentTypeApiError extends ApiError {
  constructor(contentType: string) {
    super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_content_type', `${contentType} content is not supported`, {
      contentType,
    });
  }
}

export class ContentTypeMismatchError extends ApiError {
  constructor(sourceType: string, contentType: string) {
    super(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'content_type_mismatch',
      `the data source holds ${sourceType} objects; this content is ${contentType}`,
      { sourceType, contentType },
    );
  }
}

export class SidecarNotAllowedError extends ApiError {
  constructor() {
    super(HttpStatus.BAD_REQUEST, 'sidecar_not_allowed', 'sidecarText is for image, audio and video objects only');
  }
}

export class QuotaExceededApiError extends ApiError {
  constructor(quota: 'ingestions' | 'storage', used: number, limit: number) {
    super(HttpStatus.TOO_MANY_REQUESTS, 'quota_exceeded', `the tenant's ${quota} quota is used up`, {
      quota,
      used,
      limit,
    });
  }
}

export class ObjectBusyError extends ApiError {
  constructor(id: string) {
    super(HttpStatus.CONFLICT, 'object_busy', `object ${id} is being ingested; delete it once it is indexed or failed`);
  }
}
