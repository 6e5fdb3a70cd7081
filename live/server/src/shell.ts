/** The HTML document shell around a view's first render: the live root with its token, and the client script. */
import { ASSET_PREFIX, CLIENT_ENTRY, ROOT_ATTR, TOKEN_ATTR } from '@tessera/live-protocol';

/** Escapes text for an HTML attribute value or text content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What the page shell needs besides the view's HTML. */
export interface PageParts {
  readonly title: string;
  /** Extra trusted HTML for `<head>` (styles, meta). */
  readonly head: string;
  readonly token: string;
  readonly body: string;
}

/** The default shell: the view renders into the live root, the client script loads after it. */
export function renderPage(parts: PageParts): string {
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(parts.title)}</title>${parts.head}</head>` +
    `<body><div ${ROOT_ATTR} ${TOKEN_ATTR}="${escapeHtml(parts.token)}">${parts.body}</div>` +
    `<script type="module" src="${ASSET_PREFIX}${CLIENT_ENTRY}"></script></body></html>\n`
  );
}
