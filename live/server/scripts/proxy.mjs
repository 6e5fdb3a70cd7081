// A small reverse proxy on node:http for the multi-process example and tests: HTTP requests and WebSocket
// upgrades go to a backend chosen by `balance` ('round-robin', the default; 'session': by the session
// cookie, sticky; 'first': the first backend that accepts, active/standby), and a backend that refuses the
// connection (stopped, restarting) is skipped for the next one, as a load balancer's health check would.
import { request as httpRequest, createServer } from 'node:http';
import { connect } from 'node:net';

const SESSION = /(?:^|;\s*)tessera_sid=([\w-]+)/;

/** A string hash, to pin a session to a backend. */
function hash(text) {
  let h = 0;
  for (let i = 0; i < text.length; i += 1) h = (h * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(h);
}

/**
 * Starts the proxy on 127.0.0.1:`port` (0: a free one) in front of `backends` (`http://host:port` each).
 * Resolves with `{ url, close() }`.
 */
export function startProxy({ backends, balance = 'round-robin', port = 0 }) {
  let turn = 0;
  /** The backends to try for a request, first choice first. */
  const order = (headers) => {
    const session = balance === 'session' ? SESSION.exec(headers.cookie ?? '')?.[1] : undefined;
    const first = balance === 'first' ? 0 : session === undefined ? turn++ : hash(session);
    return backends.map((_, i) => new URL(backends[(first + i) % backends.length]));
  };

  /** The request's headers plus the client's address, which the backends read for their page rate limit. */
  const forwarded = (req) => ({ ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' });

  const server = createServer((req, res) => {
    const tryNext = (targets) => {
      const target = targets.shift();
      if (!target) {
        res.writeHead(502).end('no backend');
        return;
      }
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: forwarded(req) },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.once('error', () => (res.headersSent ? res.destroy() : tryNext(targets)));
      req.pipe(upstream);
    };
    tryNext(order(req.headers));
  });

  // Upgraded sockets leave the HTTP server's bookkeeping, so closing the proxy ends them here.
  const tunnels = new Set();
  server.on('upgrade', (req, socket, head) => {
    tunnels.add(socket);
    socket.once('close', () => tunnels.delete(socket));
    socket.on('error', () => socket.destroy());
    const tryNext = (targets) => {
      const target = targets.shift();
      if (!target) {
        socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
        return;
      }
      const upstream = connect(Number(target.port), target.hostname);
      upstream.once('error', () => {
        if (upstream.bytesRead === 0 && upstream.bytesWritten === 0) tryNext(targets);
        else socket.destroy();
      });
      upstream.once('connect', () => {
        const lines = [`${req.method} ${req.url} HTTP/1.1`];
        for (let i = 0; i < req.rawHeaders.length; i += 2) {
          if (req.rawHeaders[i].toLowerCase() !== 'x-forwarded-for')
            lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
        }
        lines.push(`X-Forwarded-For: ${req.socket.remoteAddress ?? ''}`);
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (head.length > 0) upstream.write(head);
        upstream.pipe(socket).pipe(upstream);
        upstream.on('close', () => socket.destroy());
        socket.on('close', () => upstream.destroy());
      });
    };
    tryNext(order(req.headers));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () =>
          new Promise((done) => {
            for (const socket of tunnels) socket.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
