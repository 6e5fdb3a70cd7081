import type { TagCompiler } from '../parser.js';

/** `{% load lib1 lib2 %}` or `{% load name1 name2 from lib %}` */
export const loadTag: TagCompiler = (p, token) => {
  const bits = token.contents.split(/\s+/u);
  if (bits.length >= 4 && bits[bits.length - 2] === 'from') {
    p.load(bits[bits.length - 1]!, token, bits.slice(1, -2));
  } else {
    for (const name of bits.slice(1)) p.load(name, token);
  }
  return null;
};
