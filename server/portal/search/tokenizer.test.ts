import { describe, expect, it } from 'vitest';
import { indexText, parseQuery, tokenize } from './tokenizer.js';
import { highlight, snippet } from './highlight.js';

describe('tokenizer', () => {
  it('splits Chinese into overlapping pairs and keeps Latin words and numbers whole, lower-cased', () => {
    expect(indexText('衡阳市雁峰区：“四轮驱动”强化机关党建 COVID-19 第1000余名')).toBe(
      '衡阳 阳市 市雁 雁峰 峰区 四轮 轮驱 驱动 强化 化机 机关 关党 党建 covid 19 第 1000 余名');
  });

  it('keeps a lone Chinese character as a token and records offsets in the original text', () => {
    const tokens = tokenize('党 a😀b');
    expect(tokens.map((t) => [t.text, t.start, t.end])).toEqual([['党', 0, 1], ['a', 2, 3], ['b', 5, 6]]);
    expect(tokenize('𠀀𠀁').map((t) => [t.text, t.start, t.end])).toEqual([['𠀀𠀁', 0, 4]]);
  });

  it('turns a query into phrases of consecutive pairs; a two-character word is one pair', () => {
    expect(parseQuery('党建')).toEqual([{ tokens: ['党建'], prefix: false }]);
    expect(parseQuery(' 党建工作  志愿 党建工作 Party')).toEqual([
      { tokens: ['党建', '建工', '工作'], prefix: false },
      { tokens: ['志愿'], prefix: false },
      { tokens: ['party'], prefix: false },
    ]);
    expect(parseQuery('党')).toEqual([{ tokens: ['党'], prefix: true }]);
    expect(parseQuery('，。!')).toEqual([]);
  });
});

describe('highlight', () => {
  it('marks whole phrases found by the same tokens, escaping the rest', () => {
    const q = parseQuery('党建工作 志愿');
    expect(highlight('<b>党建</b>工作与志愿服务，党建强', q)).toBe('&lt;b&gt;党建&lt;/b&gt;工作与<mark>志愿</mark>服务，党建强');
    expect(highlight('机关党建工作、党建 工作', q)).toBe('机关<mark>党建工作</mark>、党建 工作');
  });

  it('merges overlapping matches and marks Latin words case-insensitively', () => {
    expect(highlight('党建建设 PARTY party', parseQuery('党建 建设 party'))).toBe('<mark>党建建设</mark> <mark>PARTY</mark> <mark>party</mark>');
  });

  it('cuts a snippet around the first match', () => {
    const text = `${'甲'.repeat(200)}志愿服务${'乙'.repeat(200)}`;
    const s = snippet(text, parseQuery('志愿'), 60);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('<mark>志愿</mark>服务');
    expect(s.replace(/<\/?mark>|…/g, '')).toHaveLength(60);
  });
});
