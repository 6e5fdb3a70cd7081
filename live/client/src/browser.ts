/**
 * The browser entry of the bundle: starts a LiveClient on every live root of the page. The client is
 * reachable as `window.tessera` (the end-to-end tests read its frame counter).
 */
import { LiveClient } from './client.js';
import { ROOT_ATTR } from '@tessera/live-protocol';

const clients = Array.from(document.querySelectorAll(`[${ROOT_ATTR}]`), (root) => {
  const client = new LiveClient({ env: window, root, loadLocal: () => import('./local.js') });
  client.start();
  return client;
});

(window as unknown as { tessera: { clients: LiveClient[] } }).tessera = { clients };
