/**
 * The WebSocket endpoint: which upgrade requests may become sockets (the SOCKET_PATH, from an allowed
 * Origin), and the Connection each accepted socket gets.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { SOCKET_PATH } from '@tessera/live-protocol';
import type { WebSocket, WebSocketServer } from 'ws';
import { Connection, type ConnectionHost } from './connection.js';
import { requestUrl } from './request-url.js';
import { sessionIdOf } from './session.js';

/**
 * Whether the request's Origin may open a socket: one of `origins` when given, otherwise the origin of the
 * request's own Host (`http://host` or `https://host`). A request without Origin is refused.
 */
export function originAllowed(request: IncomingMessage, origins: readonly string[] | null): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  if (origins) return origins.includes(origin);
  const host = request.headers.host;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

/** What the upgrade handler works with. */
export interface UpgradeOptions {
  readonly wss: WebSocketServer;
  readonly origins: readonly string[] | null;
  /** The secret session ids are signed with. */
  readonly secret: string;
  readonly host: ConnectionHost;
  /** Called with every accepted socket before its connection starts (the heartbeat watches it). */
  readonly accepted: (ws: WebSocket) => void;
}

/** The `upgrade` listener of the HTTP server: refuses with 403, or hands the socket to a new Connection. */
export function upgradeHandler(
  options: UpgradeOptions,
): (request: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (request, socket, head) => {
    // The raw socket is ours until handed to ws: without a listener its errors would end the process.
    socket.on('error', () => socket.destroy());
    try {
      const url = requestUrl(request);
      if (!url) {
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
        return;
      }
      if (url.pathname !== SOCKET_PATH || !originAllowed(request, options.origins)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      options.wss.handleUpgrade(request, socket, head, (ws) => {
        options.accepted(ws);
        new Connection(ws, sessionIdOf(request, options.secret), options.host);
      });
    } catch (err) {
      options.host.report(err, 'upgrade');
      socket.destroy();
    }
  };
}
