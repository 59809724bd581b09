import { convert, type HtmlToTextOptions } from 'html-to-text';
import { normalizeText } from '../normalize-text';
import { decodeUtf8 } from './plain.extractor';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const NOT_CONTENT = ['nav', 'script', 'style', 'noscript', 'template', 'svg', 'img', 'iframe', 'button', 'select'];

const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'ul', options: { itemPrefix: ' ' } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ...HEADINGS.map((selector) => ({ selector, options: { uppercase: false } })),
    ...NOT_CONTENT.map((selector) => ({ selector, format: 'skip' })),
  ],
};

export function extractHtml(body: Buffer): string {
  return normalizeText(convert(decodeUtf8(body), OPTIONS));
}
