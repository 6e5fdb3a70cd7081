/**
 * `@tessera/template/node`: the pieces of the template package that need Node's file system. The main
 * entry (`@tessera/template`) imports no `node:` module, so browsers and bundlers can use it as is.
 *
 * ```ts
 * import { compile } from '@tessera/template';
 * import { FileSystemLoader } from '@tessera/template/node';
 *
 * const template = compile('page.html', new FileSystemLoader(['templates', 'shared/templates']));
 * ```
 */
export { FileSystemLoader } from './fs-loader.js';
