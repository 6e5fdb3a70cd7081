/** `npm run demo`: the dashboard on PORT (default 3000), loopback unless HOST says otherwise. */
import { createDashboard } from './app.js';
import { librarySource } from './library-source.js';

const port = Number(process.env['PORT'] ?? 3000);
const host = process.env['HOST'] ?? '127.0.0.1';
const choice = process.env['RENDERER'];
const renderer = choice === 'rust' || choice === 'vdom' ? choice : 'codegen';

// The origins pages may open sockets from, stated rather than taken from each request's Host header
// (which a DNS-rebinding page controls). ORIGINS (comma-separated) when the demo is reached by another name.
const origins = process.env['ORIGINS']?.split(',') ?? [
  `http://${host}:${port}`,
  ...(host === '127.0.0.1' ? [`http://localhost:${port}`] : []),
];
if (!process.env['ORIGINS'] && (host === '0.0.0.0' || host === '::')) {
  console.error(
    'HOST listens on every interface: set ORIGINS to the origin(s) browsers will use, e.g. https://demo.example',
  );
  process.exit(1);
}

const source = await librarySource();
const server = await createDashboard({ renderer, origins, ...(source ? { source } : {}) });
const url = await server.listen(port, host);
console.log(
  `Tessera dashboard on ${url}, sockets from ${origins.join(', ')} (renderer: ${renderer}; search: ${source ? 'SQLite library via @tessera/orm' : 'in-memory sample list'})`,
);
