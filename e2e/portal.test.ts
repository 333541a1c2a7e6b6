import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import path from 'node:path';
import sharp from 'sharp';
import { demoStage, login, newPage, PATIENTLY, pickInSelect, pickInTree, screenshot, screenshotDir } from './harness.js';

/**
 * The publishing path in the browser: committee staff write an article (its body pasted from Word), submit it,
 * approve it from the review queue and publish it; the public page then shows it laid out like a government
 * news page — breadcrumb, title, the meta line, the body with Word's structure but none of its styling, the
 * original link and the reprint disclaimer.
 */

/** What Word puts on the clipboard for a heading, a bold run, a numbered list and a table. */
const wordClipboard = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{mso-style-parent:"";font-family:宋体}</style></head>
<body lang=ZH-CN><!--StartFragment-->
<h2 style="mso-outline-level:2"><span style="font-family:黑体;mso-ascii-font-family:Calibri">一、总体情况</span></h2>
<p class=MsoNormal style="text-indent:2em;mso-char-indent-count:2.0"><b><span style="font-size:14.0pt;font-family:仿宋">会议强调</span></b><span style="font-family:仿宋">，要把学习成果转化为推动工作的实际成效。<o:p></o:p></span></p>
<p class=MsoListParagraph style="margin-left:18pt;mso-list:l0 level1 lfo1"><![if !supportLists]><span style="mso-list:Ignore">1.<span style="font:7.0pt 'Times New Roman'">&nbsp;&nbsp;</span></span><![endif]>深化理论学习<o:p></o:p></p>
<p class=MsoListParagraph style="margin-left:18pt;mso-list:l0 level1 lfo1"><![if !supportLists]><span style="mso-list:Ignore">2.<span style="font:7.0pt 'Times New Roman'">&nbsp;&nbsp;</span></span><![endif]>规范组织生活<o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 style="border-collapse:collapse;mso-yfti-tbllook:1184">
<tr><td width=200 style="width:150pt;border:solid windowtext 1.0pt"><p class=MsoNormal>单位</p></td><td width=200 style="width:150pt"><p class=MsoNormal>参学人数</p></td></tr>
<tr><td style="width:150pt"><p class=MsoNormal>区财政局党支部</p></td><td style="width:150pt"><p class=MsoNormal>25</p></td></tr>
</table>
<!--EndFragment--></body></html>`;

const TITLE = '区直机关召开党建工作推进会';
const SOURCE = '区直机关工委';
const ORIGINAL = 'https://www.example.gov.cn/dangjian/2026/1126.html';

const COLUMN = { name: '推进会专栏', slug: 'tuijinhui' };

/** A camera-sized photo for the editor's image upload. */
const photo = () => sharp({ create: { width: 3200, height: 1800, channels: 3, background: '#b3121b' } }).jpeg().toBuffer();
const DISCLAIMER = { name: '推进会转载声明', body: '本网转载此文出于传递更多信息之目的，不代表本网观点。' };

describe('publishing an article', () => {
  const stage = demoStage();

  const pickOption = (page: Page, label: string, option: string) => pickInSelect(page, page.getByLabel(label, { exact: true }), option);

  it('writes, reviews and publishes an article that the public site then shows', async () => {
    const { page, context } = await newPage(stage.browser);
    await login(page, stage.server, 'gw_admin');
    const nav = page.getByRole('navigation', { name: '主导航' });

    // A column of the working committee's own, so the article's breadcrumb is known.
    await nav.getByRole('menuitem', { name: '栏目管理' }).click();
    await page.getByRole('button', { name: '新建栏目' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('栏目名称').fill(COLUMN.name);
    await dialog.getByLabel(/^地址/).fill(COLUMN.slug);
    await pickInTree(page, dialog.getByLabel('所属组织'), '雁峰区直机关工委');
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.getByRole('cell', { name: COLUMN.name }).waitFor();
    await screenshot(page, 'portal-columns');

    // A reprint disclaimer template, as the site settings keep them.
    await nav.getByRole('menuitem', { name: '网站设置' }).click();
    await page.getByRole('button', { name: '新建模板' }).click();
    await dialog.getByLabel('名称').fill(DISCLAIMER.name);
    await dialog.getByLabel('内容').fill(DISCLAIMER.body);
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.getByRole('cell', { name: DISCLAIMER.name }).waitFor();

    await nav.getByRole('menuitem', { name: '文章管理' }).click();
    await page.getByRole('button', { name: '写文章' }).click();
    await page.getByRole('heading', { name: '写文章' }).waitFor();

    await page.getByLabel('标题', { exact: true }).fill(TITLE);
    await pickOption(page, '栏目', COLUMN.name);
    const body = page.getByRole('textbox', { name: '正文', exact: true });
    await body.click();
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/html', ${JSON.stringify(wordClipboard)});
      data.setData('text/plain', '一、总体情况');
      document.querySelector('.ProseMirror').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    // Word's structure arrives in the editor; its styling does not.
    await body.locator('h2', { hasText: '一、总体情况' }).waitFor();
    await expect.poll(() => body.locator('ol > li').count()).toBe(2);
    await expect.poll(() => body.locator('strong', { hasText: '会议强调' }).count()).toBe(1);
    await expect.poll(() => body.locator('td, th').count()).toBe(4);
    expect(await body.innerHTML()).not.toMatch(/mso-|Mso|o:p|font-family/);

    await page.getByLabel('来源', { exact: true }).fill(SOURCE);
    await page.getByRole('button', { name: '佚名' }).click();
    await page.getByLabel('原文链接（转载时填写）').fill(ORIGINAL);
    await pickOption(page, '免责声明（转载时选择）', DISCLAIMER.name);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'portal-editor');

    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/admin\/portal\/articles\/\d+$/, PATIENTLY);
    const articleId = Number(/(\d+)$/.exec(page.url())![1]);
    await page.getByText('草稿', { exact: true }).first().waitFor();

    // Once saved, a photo goes in (uploaded whole; the server keeps a web-sized copy) and becomes the cover.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '插入图片' }).click();
    await (await chooser).setFiles({ name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await page.getByRole('textbox', { name: '正文', exact: true }).locator('img').waitFor(PATIENTLY);
    await pickOption(page, '封面图片', '正文第 1 张图片');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').first().waitFor();

    await page.getByRole('tab', { name: '预览' }).click();
    const preview = page.frameLocator('iframe[title="文章预览"]');
    await preview.locator('article h1', { hasText: TITLE }).waitFor();
    // Not the harness's screenshot(): Playwright never reports a srcdoc frame's network idle, so it would wait forever.
    await page.screenshot({ path: path.join(screenshotDir, 'portal-preview.png') });

    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('待审核', { exact: false }).first().waitFor();

    // The reviewer's side: the queue lists it, and the last review level publishes.
    await nav.getByRole('menuitem', { name: '审核队列' }).click();
    const row = page.getByRole('row', { name: new RegExp(TITLE) });
    await row.waitFor();
    await screenshot(page, 'portal-review-queue');
    await row.getByRole('link', { name: TITLE }).click();
    await page.getByRole('button', { name: '通过并发布' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '发布' }).click();
    await page.getByText('已发布', { exact: true }).first().waitFor();
    await page.getByRole('tab', { name: '审核记录' }).click();
    await page.getByText('审核通过').first().waitFor();
    await context.close();

    // A reader, without a session, on the public site.
    const reader = await newPage(stage.browser);
    const res = await reader.page.goto(`${stage.server.url}/article/${articleId}`);
    expect(res?.status()).toBe(200);
    const p = reader.page;
    const crumbs = p.getByRole('navigation', { name: '当前位置' });
    expect(await crumbs.getByRole('link').allInnerTexts()).toEqual(expect.arrayContaining(['首页', COLUMN.name]));
    await expect.poll(() => p.getByRole('heading', { level: 1 }).innerText()).toBe(TITLE);
    const meta = await p.locator('article .meta').innerText();
    expect(meta).toMatch(/发布时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(meta).toContain(`来源：${SOURCE}`);
    expect(meta).toContain('作者：佚名');
    const article = p.locator('article .body');
    await article.locator('h2', { hasText: '一、总体情况' }).waitFor();
    expect(await article.locator('ol > li').count()).toBe(2);
    expect(await article.locator('strong, b').filter({ hasText: '会议强调' }).count()).toBe(1);
    expect(await article.locator('table td, table th').count()).toBe(4);
    expect(await article.innerHTML()).not.toMatch(/mso-|Mso|font-family/);
    expect(await p.locator('article .source-link a').getAttribute('href')).toBe(ORIGINAL);
    expect(await p.locator('article .disclaimer').innerText()).toContain(DISCLAIMER.body);
    // The photo is the web copy, scaled down on the server; only the body's own paragraphs are indented.
    // Expressions, not functions: Playwright evaluates a string as an expression and never calls it.
    await expect.poll(() => p.evaluate(`document.querySelector('article .body img').naturalWidth`), PATIENTLY).toBe(1600);
    const indent = (selector: string) => p.evaluate(`getComputedStyle(document.querySelector('article .body ${selector}')).textIndent`);
    expect(await indent('> p')).not.toBe('0px');
    expect(await indent('li p')).toBe('0px');
    expect(await indent('td p')).toBe('0px');
    await screenshot(p, 'portal-public-article');
    await p.locator('article .disclaimer').scrollIntoViewIfNeeded();
    await screenshot(p, 'portal-public-article-end');
    await reader.context.close();
  }, 240_000);
});
