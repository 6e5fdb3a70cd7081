import type { TagCompiler } from '../parser.js';

const MAPPING: Record<string, string> = {
  openblock: '{%',
  closeblock: '%}',
  openvariable: '{{',
  closevariable: '}}',
  openbrace: '{',
  closebrace: '}',
  opencomment: '{#',
  closecomment: '#}',
};

/** `{% templatetag openblock %}` and friends: compiled straight to text. */
export const templatetagTag: TagCompiler = (p, token) => {
  const bits = token.contents.split(/\s+/u);
  if (bits.length !== 2) throw p.error(token, `'templatetag' statement takes one argument`);
  const text = Object.hasOwn(MAPPING, bits[1]!) ? MAPPING[bits[1]!] : undefined;
  if (text === undefined) {
    const names = Object.keys(MAPPING)
      .map((k) => `'${k}'`)
      .join(', ');
    throw p.error(token, `Invalid templatetag argument: '${bits[1]}'. Must be one of: [${names}]`);
  }
  return { kind: 'text', value: text };
};
