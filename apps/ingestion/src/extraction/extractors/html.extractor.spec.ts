import { extractHtml } from './html.extractor';

const html = (markup: string) => extractHtml(Buffer.from(markup, 'utf8'));

describe('extractHtml', () => {
  const page = `<!DOCTYPE html>
<html>
<head><title>Page title</title><style>p { color: red }</style><script>var secret = 1;</script></head>
<body>
  <nav><a href="/">Home</a> <a href="/about">About us</a></nav>
  <h1>Office Handbook</h1>
  <p>The wifi is called <strong>Heron-5G</strong>. See the <a href="https://intranet/wifi">wifi page</a>.</p>
  <h2>Kitchen</h2>
  <p>Fruit arrives   on
     Mondays.</p>
  <noscript>Enable JavaScript</noscript>
  <img src="logo.png" alt="Company logo">
</body>
</html>`;

  it('keeps headings and paragraphs as paragraphs separated by blank lines', () => {
    expect(html(page)).toBe(
      'Office Handbook\n\nThe wifi is called Heron-5G. See the wifi page.\n\nKitchen\n\nFruit arrives on Mondays.',
    );
  });

  it('drops script, style, nav, noscript, images and link URLs', () => {
    const text = html(page);
    for (const hidden of [
      'secret',
      'color',
      'Home',
      'About us',
      'Enable JavaScript',
      'logo',
      'https://',
      '[',
      'Page title',
    ]) {
      expect(text).not.toContain(hidden);
    }
  });

  it('does not uppercase headings', () => {
    expect(html('<h1>Mixed Case Title</h1><h3>Sub title</h3>')).toBe('Mixed Case Title\n\nSub title');
  });

  it('renders list items on their own lines without bullet characters', () => {
    expect(html('<p>Rules:</p><ul><li>Be kind</li><li>Be tidy</li></ul>')).toBe('Rules:\n\nBe kind\nBe tidy');
  });

  it('renders table cells as text', () => {
    const text = html('<table><tr><th>Country</th><th>Price</th></tr><tr><td>Norway</td><td>14.50</td></tr></table>');
    expect(text).toBe('Country Price\nNorway 14.50');
  });

  it('decodes entities and composes to NFC', () => {
    expect(html('<p>Caf&eacute; &amp; tea&nbsp;room</p>')).toBe('Café & tea room');
  });

  it('extracts fragments without html/body elements', () => {
    expect(html('<p>first</p><div>second</div>')).toBe('first\n\nsecond');
  });

  it('returns an empty string for markup without text', () => {
    expect(html('<html><head><script>x()</script></head><body></body></html>')).toBe('');
  });
});
