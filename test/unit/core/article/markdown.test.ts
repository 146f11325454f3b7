import {
  atxHeading,
  isThematicBreak,
  reduceInline,
  stripListMarker,
} from '../../../../lambdas/core/article/markdown';

describe('reduceInline', () => {
  it.each([
    ['**[wsws.org/contact](http://wsws.org/contact)**', 'wsws.org/contact'],
    ['a **bold** and __strong__ word', 'a bold and strong word'],
    ['an *emphasised* and _underlined_ word', 'an emphasised and underlined word'],
    ['see ![a photo](https://x.example/a.jpg "caption") here', 'see  here'],
    ['a [reference][1] link', 'a reference link'],
    ['visit <https://example.org/page>', 'visit https://example.org/page'],
    ['the `code` span', 'the code span'],
    ['~~struck~~ text', 'struck text'],
    ['escaped \\*stars\\*', 'escaped *stars*'],
  ])('%j → %j', (markdown, text) => {
    expect(reduceInline(markdown)).toBe(text);
  });

  it("keeps the ``…'' and `…' quotation marks of wire archives, which are not code spans", () => {
    const wire = "``We stay,'' she said. ``He told me `no' twice.''";
    expect(reduceInline(wire)).toBe(wire);
    expect(reduceInline('run `npm test` now')).toBe('run npm test now');
  });

  it('keeps intraword underscores, lone asterisks and editorial brackets', () => {
    expect(reduceInline('snake_case_name costs 5 * 3 [sic] dollars')).toBe(
      'snake_case_name costs 5 * 3 [sic] dollars',
    );
  });
});

describe('block syntax', () => {
  it('reads ATX headings with optional closing hashes', () => {
    expect(atxHeading('## Subtitle ##')).toEqual({ level: 2, text: 'Subtitle' });
    expect(atxHeading('# C# tips')).toEqual({ level: 1, text: 'C# tips' });
    expect(atxHeading('#hashtag')).toBeNull();
  });

  it('recognises thematic breaks and list markers', () => {
    expect(isThematicBreak('* * *')).toBe(true);
    expect(isThematicBreak('--')).toBe(false);
    expect(stripListMarker('- item one')).toBe('item one');
    expect(stripListMarker('12) item')).toBe('item');
    expect(stripListMarker('-5 degrees')).toBeNull();
  });
});
