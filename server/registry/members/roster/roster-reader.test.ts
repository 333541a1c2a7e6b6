import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText } from './roster-cells.js';
import { openRoster } from './roster-reader.js';
import { xlsxFile } from './roster-test-files.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗';
const FIRST = '建国华明伟强平杰涛斌辉刚健鹏飞超峰俊浩宇';
const SECOND = '秀英玲芳娟敏静丽艳霞燕红梅琴兰萍婷颖雪慧';

/**
 * 6,000 distinct three-character names with organisation and post cells: about 150 KB of Chinese text, which
 * exceljs inflates in 16 KB chunks, so dozens of characters straddle a chunk boundary.
 */
const people = Array.from({ length: 6000 }, (_, i) => {
  const name = SURNAMES[i % 20] + FIRST[Math.floor(i / 20) % 20] + SECOND[Math.floor(i / 400) % 20];
  return { name, org: `第${name}党支部`, post: `${name}所在科室科员` };
});

describe('roster reader', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-reader-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function readBack(sharedStrings: boolean) {
    const bytes = await xlsxFile(
      ['姓名', '身份证号码', '所在党组织', '工作单位及职务'],
      people.map((p) => [p.name, '(id)', p.org, p.post]),
      { sharedStrings },
    );
    const file = path.join(dir, `roster-${sharedStrings}.xlsx`);
    fs.writeFileSync(file, bytes);
    const sheet = await openRoster(file, 'xlsx');
    const read: { name: string | null; org: string | null; post: string | null }[] = [];
    for await (const r of sheet.rows) read.push({ name: cellText(r.cells.name), org: cellText(r.cells.org), post: cellText(r.cells.post) });
    return read;
  }

  it.each([
    ['in the shared strings', true],
    ['inline in the worksheet data', false],
  ])('keeps every character of thousands of distinct Chinese names %s, whatever the chunk boundaries', async (_, shared) => {
    expect(new Set(people.map((p) => p.name)).size).toBe(people.length);
    const read = await readBack(shared);
    expect(read.filter((r) => `${r.name}${r.org}${r.post}`.includes('\uFFFD'))).toEqual([]);
    expect(read).toEqual(people);
  });
});
