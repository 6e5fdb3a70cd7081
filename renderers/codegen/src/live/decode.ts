/**
 * An attribute value's character references decoded as the HTML parser decodes them in a quoted value.
 * A browser bundle gets decode.browser.ts instead (package.json `browser`), which asks the DOM and so
 * does without the entity tables.
 */
export { decodeHTMLAttribute as decodeAttribute } from 'entities';
