import { describe, expect, it } from 'vitest';
import { html, htmlToText, raw } from './html.js';

describe('html template', () => {
  it('escapes interpolated values unless they are already markup', () => {
    const name = '<b>"甲"&乙</b>';
    expect(html`<p title="${name}">${name}${raw('<i>x</i>')}${['<', html`<br>`]}</p>`.value)
      .toBe('<p title="&lt;b&gt;&quot;甲&quot;&amp;乙&lt;/b&gt;">&lt;b&gt;&quot;甲&quot;&amp;乙&lt;/b&gt;<i>x</i>&lt;<br></p>');
  });
});

describe('htmlToText', () => {
  it('decodes entities once, so escaped markup stays text', () => {
    expect(htmlToText('<b>A &amp;lt; B</b> &quot;x&quot;  <i>中</i>')).toBe('A &lt; B "x" 中');
    expect(htmlToText('&ldquo;四轮驱动&rdquo;&#x4E2D;&#22269;&nbsp;&bogus;')).toBe('“四轮驱动”中国 &bogus;');
  });

  it('ends blocks with a line break and drops scripts and styles with their content', () => {
    expect(htmlToText('<h2>一、标题</h2><p>第一段<br>换行</p><script>alert("x")</script><style>p{}</style><ul><li>甲</li><li>乙</li></ul>'))
      .toBe('一、标题\n第一段\n换行\n甲\n乙');
  });
});
