import { deflated, zerosEntry, zipFile, type ZipEntrySpec } from '../server/registry/members/roster/roster-test-files.js';

/*
 * Archives that claim to be xlsx workbooks and would exhaust memory or time if inflated. Built with the roster
 * tests' zip writer; each is small on the wire (well under the upload limit).
 */

const contentTypes = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
  + '<Default Extension="xml" ContentType="application/xml"/>'
  + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
  + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const workbook = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
  + 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>';
const workbookRels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

function workbookParts(): ZipEntrySpec[] {
  return [
    deflated('[Content_Types].xml', contentTypes),
    deflated('_rels/.rels', rels),
    deflated('xl/workbook.xml', workbook),
    deflated('xl/_rels/workbook.xml.rels', workbookRels),
  ];
}

export interface Bomb {
  name: string;
  description: string;
  data: Buffer;
}

export function zipBombs(): Bomb[] {
  const sheet = zerosEntry('xl/worksheets/sheet1.xml', 4095);
  const kib = deflated('x', ' '.repeat(1024));
  return [
    {
      name: 'ratio',
      description: 'one worksheet declaring 4 GiB uncompressed',
      data: zipFile([...workbookParts(), sheet]),
    },
    {
      name: 'entries',
      description: '60,000 entries of 1 KiB each (central directory only)',
      data: zipFile([...workbookParts(), ...Array.from({ length: 60_000 }, (_, i) => ({ ...kib, name: `xl/media/f${i}.bin` }))]),
    },
    {
      name: 'lying',
      description: 'a worksheet whose directory declares 10 KB but whose data inflates to 4 GiB',
      data: zipFile([...workbookParts(), { ...sheet, uncompressedSize: 10_000 }]),
    },
  ];
}
