/** `npm run demo`: the dashboard on PORT (default 3000), loopback unless HOST says otherwise. */
import { createDashboard } from './app.js';
import { librarySource } from './library-source.js';

const port = Number(process.env['PORT'] ?? 3000);
const host = process.env['HOST'] ?? '127.0.0.1';
const choice = process.env['RENDERER'];
const renderer = choice === 'rust' || choice === 'vdom' ? choice : 'codegen';

const source = await librarySource();
const server = await createDashboard({ renderer, ...(source ? { source } : {}) });
const url = await server.listen(port, host);
console.log(
  `Tessera dashboard on ${url} (renderer: ${renderer}; search: ${source ? 'SQLite library via @tessera/orm' : 'in-memory sample list'})`,
);
