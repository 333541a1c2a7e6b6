import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from './sanitize.js';

const clean = (html: string) => sanitizeArticleHtml(html, { allowedImageHosts: ['img.example.gov.cn'] });

/** Anything that could run script in a reader's browser once the body is on the public page. */
function assertInert(out: string): void {
  expect(out).not.toMatch(/<script|<svg|<math|<iframe|<object|<embed|<style|<form|<base|<meta|<link/i);
  expect(out).not.toMatch(/\son[a-z]+\s*=/i);
  expect(out).not.toMatch(/javascript:|vbscript:|data:|expression\s*\(|url\s*\(/i);
  expect(out).not.toMatch(/srcdoc|formaction|xlink:href/i);
  // Whatever a style tried to smuggle (comments inside `expression`, url()), only a plain alignment survives.
  for (const style of out.match(/\sstyle="[^"]*"/gi) ?? []) expect(style).toMatch(/^ style="text-align:(left|right|center|justify)"$/);
}

// Payloads from the usual XSS filter-evasion lists (OWASP cheat sheet and friends).
const corpus = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<img src="/api/v1/files/1" onerror="alert(1)">',
  '<p onclick="alert(1)" onmouseover=alert(1)>text</p>',
  '<body onload=alert(1)>',
  '<svg onload=alert(1)><circle r=10 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
  '<a href="java&#x09;script:alert(1)">x</a>',
  '<a href="jav&#x0A;ascript:alert(1)">x</a>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="&#x20;&#x0D;javascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="javascript:alert(1)">',
  '<div style="width: expression(alert(1))">x</div>',
  '<p style="text-align:center;width:expr/**/ession(alert(1))">x</p>',
  '<p style="text-align:expression(alert(1))">x</p>',
  '<img src="/api/v1/files/1" style="background-image:url(javascript:alert(1))">',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s></animate></svg>',
  '<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0ieCIgb25sb2FkPSJhbGVydCgxKSI+PC9zdmc+#x"></use></svg>',
  '<svg><foreignObject><iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe></foreignObject></svg>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<p style="behavior: url(x.htc); -moz-binding: url(x.xml#xss)">x</p>',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object><embed src="x.swf">',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<table background="javascript:alert(1)"><tr><td onmouseover="alert(1)">x</td></tr></table>',
  '<<img src=x onerror=alert(1)//<',
  '<img """><script>alert(1)</script>">',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
];

describe('article body sanitiser', () => {
  it.each(corpus)('leaves nothing executable in %s', (payload) => {
    assertInert(clean(payload));
  });

  it('keeps the structure an article needs: headings, lists, emphasis, tables, links, site images', () => {
    const html = '<h2>一、标题</h2><p style="text-align:center"><strong>加粗</strong><em>斜体</em></p>'
      + '<ul><li>一</li></ul><ol start="3"><li>三</li></ol>'
      + '<table><thead><tr><th colspan="2">表头</th></tr></thead><tbody><tr><td rowspan="2">格</td></tr></tbody></table>'
      + '<p><a href="https://www.example.gov.cn/a.html">链接</a></p>'
      + '<p><img src="/api/v1/files/12" alt="图" /><img src="/files/13" /><img src="https://img.example.gov.cn/x.jpg" /></p>';
    expect(clean(html)).toBe(html);
  });

  it('drops images from other hosts and demotes h1 to h2', () => {
    expect(clean('<h1>T</h1><img src="https://evil.example/a.png"><img src="//evil.example/b.png">')).toBe('<h2>T</h2>');
  });

  it('drops styles other than text alignment', () => {
    expect(clean('<p style="color:red;text-align:right;position:fixed">x</p>')).toBe('<p style="text-align:right">x</p>');
  });
});
