/**
 * Regenerates warranty-terms.pdf (a real PDF with a text layer) for the ingestion test corpus.
 * Run: node -r @swc-node/register apps/ingestion/test/corpus/make-pdf.ts
 * Metadata dates are fixed so the output is byte-for-byte reproducible.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFFont, StandardFonts } from 'pdf-lib';

const PAGES: string[][] = [
  [
    'Northwind Devices Limited Warranty',
    'This warranty covers every Northwind device bought from an authorised reseller. Proof of purchase is required for every claim, and the warranty period starts on the date printed on the receipt.',
    'Standard devices carry a warranty of 12 months against defects in materials and workmanship. The warranty lasts 24 months for batteries: a battery that holds less than 80 percent of its original capacity within that period is replaced.',
    'Accessories such as cables, cases and chargers carry a warranty of 6 months. Cosmetic wear, scratches and damage caused by liquids are not covered by this warranty.',
  ],
  [
    'How to make a warranty claim',
    'Open a claim on the support portal and quote the serial number engraved on the back of the device. Our technicians answer every claim within 5 business days.',
    'Approved claims are repaired or replaced free of charge, and we pay return shipping. A device that was opened by an unauthorised repair shop loses its warranty.',
    'Warranty questions can also be sent by post to Northwind Devices, Warranty Desk, 17 Harbour Street, Bristol.',
  ],
];

const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const MARGIN = 72;
const FONT_SIZE = 11;
const TITLE_SIZE = 16;
const LINE_HEIGHT = 15;

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export async function makeWarrantyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fixedDate = new Date('2024-01-01T00:00:00Z');
  doc.setTitle('Northwind Devices Limited Warranty');
  doc.setCreationDate(fixedDate);
  doc.setModificationDate(fixedDate);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);

  for (const [title, ...paragraphs] of PAGES) {
    const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    let y = PAGE_HEIGHT - MARGIN;
    page.drawText(title, { x: MARGIN, y, size: TITLE_SIZE, font: bold });
    y -= LINE_HEIGHT * 2;
    for (const paragraph of paragraphs) {
      for (const line of wrap(paragraph, font, FONT_SIZE, PAGE_WIDTH - 2 * MARGIN)) {
        page.drawText(line, { x: MARGIN, y, size: FONT_SIZE, font });
        y -= LINE_HEIGHT;
      }
      y -= LINE_HEIGHT;
    }
  }
  return doc.save();
}

if (require.main === module) {
  void makeWarrantyPdf().then((bytes) => {
    const target = join(__dirname, 'warranty-terms.pdf');
    writeFileSync(target, bytes);
    console.log(`wrote ${target} (${bytes.length} bytes)`);
  });
}
