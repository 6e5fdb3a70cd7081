/** Element categories of the HTML parsing algorithm that decide how Tessera models a region. */

const set = (names: string): ReadonlySet<string> => new Set(names.split(' '));

/** Elements without content or end tag. */
export const VOID = set('area base br col embed hr img input link meta source track wbr keygen param basefont bgsound');

/** Content read as raw text up to the matching end tag; RCDATA also decodes character references. */
export const RAWTEXT = set('script style xmp iframe noembed noframes');
export const RCDATA = set('textarea title');

/** Raw text ending in what looks like an unterminated tag (`a<b`): happy-dom then drops the content. */
export const TRAILING_TAG = /<[A-Za-z][^\s>]*$/;

/** RCDATA elements whose content happy-dom parses as markup when it holds a `<` (browsers do not). */
export const MARKUP_IN_HAPPY_DOM = set('textarea title');

/**
 * Elements whose parse depends on more than their tags (document structure, foreign content, template
 * contents, scripting-dependent noscript, raw-text elements happy-dom parses as markup): a region holding
 * one is rendered as HTML by its parent.
 */
export const UNMODELLED = set(
  'frameset frame noscript plaintext image isindex template svg math xmp iframe noembed noframes',
);

/**
 * Tags that make no DOM node when a page is parsed as the content of a container (`innerHTML` of a
 * `<div>`, as the live DOM holds it): their content stays in place, the tags are dropped.
 */
export const DOCUMENT = set('html head body');

/** Start tags that close an open `<p>`. */
export const CLOSES_P = set(
  'address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer header hgroup ' +
    'main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing form table hr xmp li dd dt plaintext',
);

/** Elements that stop the search for an open `<p>` ("button scope"). */
export const P_SCOPE = set('applet caption html table td th marquee object template button');

export const HEADINGS = set('h1 h2 h3 h4 h5 h6');

/** The HTML parser's "special" elements: an end tag of another element is ignored when one stands between. */
export const SPECIAL = set(
  'address applet area article aside base basefont bgsound blockquote body br button caption center col colgroup dd ' +
    'details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header ' +
    'hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed noframes noscript ' +
    'object ol p param plaintext pre script search section select source style summary table tbody td template ' +
    'textarea tfoot th thead title tr track ul wbr xmp',
);

/** Table-structure elements and the parents they may appear in without the parser moving them. */
export const TABLE_PARENT: Readonly<Record<string, ReadonlySet<string>>> = {
  caption: set('table'),
  colgroup: set('table'),
  thead: set('table'),
  tbody: set('table'),
  tfoot: set('table'),
  col: set('colgroup'),
  tr: set('thead tbody tfoot'),
  td: set('tr'),
  th: set('tr'),
};

/** Children allowed (besides whitespace text, comments, script, style) in table-structure parents. */
export const TABLE_CHILDREN: Readonly<Record<string, ReadonlySet<string>>> = {
  table: set('caption colgroup thead tbody tfoot'),
  thead: set('tr'),
  tbody: set('tr'),
  tfoot: set('tr'),
  tr: set('td th'),
  colgroup: set('col'),
};

/**
 * Elements a region may not be re-parsed under with `innerHTML` and get the same tree as a document
 * parse: table parts and `select` (insertion modes), `pre`/`listing`/`textarea` (leading newline), and
 * every element a start tag inside it can close implicitly (the innerHTML context is not on the stack).
 */
export const NOT_A_BOUNDARY = set(
  'table thead tbody tfoot tr colgroup caption select optgroup option pre listing textarea template li dt dd p ' +
    'h1 h2 h3 h4 h5 h6 a b big code em font i nobr s small strike strong tt u button form ruby rb rt rtc rp',
);

export const SELECT_CHILDREN = set('option optgroup hr script template');
