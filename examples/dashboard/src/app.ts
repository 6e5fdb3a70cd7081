/** Builds the dashboard server; `main.ts` runs it, the tests start it on port 0. */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createLiveServer, type LiveServer, type RendererName } from '@tessera/live';
import { FileSystemLoader } from '@tessera/template/node';
import { sampleSource, type SearchSource } from './search.js';
import { dashboardView } from './view.js';

/** Options of `createDashboard`. */
export interface DashboardOptions {
  readonly renderer?: RendererName;
  readonly source?: SearchSource;
  readonly secret?: string;
  readonly likeDelayMs?: number;
  readonly graceMs?: number;
  /** Origins allowed to open the socket (see SECURITY.md of @tessera/live); default: the request's own Host. */
  readonly origins?: readonly string[];
}

const templates = fileURLToPath(new URL('../templates/', import.meta.url));

const STYLE = `<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
.top{display:flex;justify-content:space-between;align-items:baseline}.tabs{display:flex;gap:.5rem;margin:1rem 0}
.tab{border:1px solid #999;background:#fff;padding:.3rem .9rem;border-radius:4px;cursor:pointer}.tab.active{background:#222;color:#fff}
.items li{margin:.3rem 0}.likes{display:inline-block;min-width:2.5rem;text-align:right;font-weight:600}
.like.liked{background:#fde}[data-live-pending]{opacity:.55;outline:1px dashed #c0c}.locked{color:#a40}
#search{width:100%;padding:.4rem;font-size:1rem}.source{color:#666;font-size:.85rem}footer{margin-top:2rem;color:#888;font-size:.8rem}
</style>`;

/** The dashboard's LiveServer (not yet listening). */
export async function createDashboard(options: DashboardOptions = {}): Promise<LiveServer> {
  const renderer = options.renderer ?? 'codegen';
  const Dashboard = dashboardView({
    source: options.source ?? sampleSource(),
    renderer,
    likeDelayMs: options.likeDelayMs ?? 300,
  });
  return createLiveServer({
    views: { '/': Dashboard },
    loader: new FileSystemLoader(templates),
    secret: options.secret ?? randomBytes(32).toString('base64url'),
    renderer,
    title: 'Tessera Dashboard',
    head: STYLE,
    ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
    ...(options.origins === undefined ? {} : { origins: options.origins }),
  });
}
