/**
 * decode.ts for browsers: the page's own parser decodes the value inside a quoted attribute of an
 * inert `<template>` (no script runs, nothing loads), so no entity table is downloaded.
 */

// The little of the DOM used here, declared so the package builds without the DOM library.
interface Scratch {
  innerHTML: string;
  readonly content: { readonly firstChild: { getAttribute(name: string): string | null } | null };
}
declare const document: { createElement(name: 'template'): Scratch };

let scratch: Scratch | undefined;

export function decodeAttribute(raw: string): string {
  scratch ??= document.createElement('template');
  // The quote the value can stand in (a value holding both could not have been in the page either).
  const q = raw.includes('"') ? "'" : '"';
  scratch.innerHTML = `<i title=${q}${raw}${q}></i>`;
  return scratch.content.firstChild?.getAttribute('title') ?? raw;
}
