import { dispositionFor } from './content-disposition';

describe('dispositionFor', () => {
  it.each(['text/plain', 'text/plain; charset=utf-8', 'TEXT/HTML', 'application/json', 'application/pdf', 'image/png'])(
    'shows %s inline',
    (type) => expect(dispositionFor(type)).toBe('inline'),
  );

  it.each(['application/octet-stream', 'application/javascript', 'text/csv', 'application/zip', 'text/xml', ''])(
    'downloads %j as an attachment',
    (type) => expect(dispositionFor(type)).toBe('attachment'),
  );
});
