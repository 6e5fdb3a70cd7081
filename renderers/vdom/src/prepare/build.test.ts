import { describe, expect, it } from 'vitest';
import { fallbackRegions, usesFallback } from '../index.js';
import { prepare } from '../../test/helpers.js';

const regions = (source: string) =>
  fallbackRegions(prepare({ 'main.html': source })).map((r) => `${r.tag}: ${r.reason}`);

describe('prepare: which regions fall back to render-then-parse', () => {
  it('models ordinary markup with holes in text, attribute values, whole attributes and regions', () => {
    const prepared = prepare({
      'main.html':
        '<div class="{{ a }} b" {% if c %}hidden{% endif %}><p>{{ d }}</p>{% for i in l %}<span>{{ i }}</span>{% endfor %}</div>',
    });
    expect(usesFallback(prepared)).toBe(false);
    expect(prepared.tree?.[0]).toMatchObject({ t: 'el', name: 'div', fallback: null });
  });

  it('models tables written with their sections', () => {
    expect(regions('<table><tbody>{% for r in rows %}<tr><td>{{ r }}</td></tr>{% endfor %}</tbody></table>')).toEqual(
      [],
    );
  });

  it('falls back for the parent of a table missing its <tbody>', () => {
    expect(regions('<section><table><tr><td>1</td></tr></table></section>')).toEqual(['section: <tr> inside <table>']);
  });

  it('falls back above a <p> that a block element closes', () => {
    expect(regions('<div><p>a<div>b</div></p></div>')).toEqual(['div: <div> inside <p>']);
  });

  it('renders the whole page as text when a branch opens a tag closed after it', () => {
    expect(regions('<main>{% if x %}<p class="a">{% else %}<p>{% endif %}text</p></main>')).toEqual([
      ': <p> is not closed',
    ]);
    expect(regions('<main><div>{% if x %}</div><div>{% endif %}</div></main>')).toEqual([
      ': </div> does not close the current element',
    ]);
  });

  it('falls back inside an element whose end tag closes an unclosed child', () => {
    expect(regions('<ul><li><div>a<p>b</div></li></ul>')).toEqual(['div: </div> does not close the current element']);
    // `</div>` closes the `<b>`, which stays active: the parser reopens it around text after `</section>`
    // too, so no element short of the page holds what it changes.
    expect(regions('<section><div><b>a</div>b</section>')).toEqual([': </div> does not close the current element']);
    // The parser ignores `</span>` across the `<p>`, and `</a>` then clones the link into the paragraph.
    expect(regions('<div><a><span><p>x</span></a></div>')).toEqual(['div: </span> does not close the current element']);
  });

  it('falls back for a tag name from the context', () => {
    expect(regions('<div><{{ tag }}>x</{{ tag }}></div>')).toEqual(['div: dynamic tag name']);
  });

  it('models a full document as its container holds it: doctype and html/head/body tags make no node', () => {
    const prepared = prepare({
      'main.html':
        '<!DOCTYPE html>\n<html lang="en">\n<head><title>{{ x }}</title></head>\n<body class="{{ x }}">\n<p>{{ x }}</p></body></html>',
    });
    expect(usesFallback(prepared)).toBe(false);
    expect(prepared.tree?.map((t) => t.t)).toEqual([
      'dropped',
      'text',
      'dropped',
      'text',
      'dropped',
      'el',
      'dropped',
      'text',
      'dropped',
      'text',
      'el',
      'dropped',
      'dropped',
    ]);
  });

  it('renders the whole page as text for a processing instruction', () => {
    expect(fallbackRegions(prepare({ 'main.html': '<?xml version="1.0"?><p>x</p>' }))[0]?.element).toBe(-1);
  });

  it('lists nodes whose output is a function of their rendered body', () => {
    expect(regions('<p>{% filter upper %}x{% endfilter %}</p>')).toEqual([
      '{% filterblock %}: output is a function of the rendered body text',
    ]);
  });
});
