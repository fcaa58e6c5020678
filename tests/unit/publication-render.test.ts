import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RichBody } from '@/app/(public)/_publicity/parts';
import { parseBody } from '@/lib/domain/publication';

describe('RichBody', () => {
  it('renders headings, lists, quotes and bold as elements, and any markup in the text as text', () => {
    const doc = parseBody('## 小标题\n\n**加粗** <img src=x onerror=alert(1)>\n\n- 一\n- <script>二</script>\n\n> 引用');
    const html = renderToStaticMarkup(createElement(RichBody, { doc }));
    expect(html).toContain('<h2');
    expect(html).toContain('<strong>加粗</strong>');
    expect(html).toContain('<blockquote');
    expect(html).toMatch(/<li>.*一.*<\/li>/);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;二&lt;/script&gt;');
  });

  it('renders nothing for a stored block it does not know (e.g. one that claims to be HTML)', () => {
    const html = renderToStaticMarkup(createElement(RichBody, { doc: { type: 'doc', content: [{ type: 'html', html: '<b>x</b>' }] } }));
    expect(html).toMatch(/^<div[^>]*><\/div>$/);
  });
});
