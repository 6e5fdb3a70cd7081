/**
 * djust's dashboard as a Tessera LiveView: a live "Active Users" count pushed to every open
 * dashboard, an items list with optimistic likes, a debounced library search and client-side tabs.
 */
import {
  EventRejected,
  LiveView,
  clientState,
  debounce,
  event,
  optimistic,
  type JsonObject,
  type ViewClass,
} from '@tessera/live';
import type { BookHit, SearchSource } from './search.js';

/** One row of the items list. */
interface Item {
  id: number;
  name: string;
  likes: number;
  liked: boolean;
  locked: boolean;
}

/** What a dashboard view needs from its app. */
export interface DashboardDeps {
  readonly source: SearchSource;
  readonly renderer: string;
  /** Simulated write latency of a like (ms), so the optimistic update is visible before the answer. */
  readonly likeDelayMs: number;
}

const PRESENCE = 'presence';
const SEARCH_LIMIT = 20;

const initialItems = (): Item[] => [
  { id: 1, name: 'Quarterly report', likes: 12, liked: false, locked: false },
  { id: 2, name: 'Onboarding checklist', likes: 7, liked: false, locked: false },
  { id: 3, name: 'Incident review', likes: 3, liked: false, locked: true },
  { id: 4, name: 'Roadmap draft', likes: 21, liked: false, locked: false },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The dashboard view class for one app (presence is counted per app). */
export function dashboardView(deps: DashboardDeps): ViewClass {
  let active = 0;

  @clientState(['tab'])
  class Dashboard extends LiveView {
    static override template = 'dashboard.html';

    user = { name: 'Ada' };
    renderer = deps.renderer;
    active_users = 0;
    tab = 'items';
    tabs = [
      { id: 'items', label: 'Items' },
      { id: 'search', label: 'Search' },
      { id: 'about', label: 'About' },
    ];
    items: Item[] = initialItems();
    query = '';
    results: BookHit[] = [];
    source_label = deps.source.label;

    override async mount(): Promise<void> {
      this.results = await deps.source.search('', SEARCH_LIMIT);
      this.subscribe(PRESENCE, (count) => {
        this.active_users = count as number;
      });
      this.active_users = active;
    }

    // Presence counts open sockets, not served pages: a GET that never connects is nobody watching,
    // and must not cost every connected user a frame.
    override connected(): void {
      active += 1;
      this.broadcast(PRESENCE, active);
    }

    override disconnected(): void {
      active -= 1;
      this.broadcast(PRESENCE, active);
    }

    /** Debounced on the client: one event once typing stops for 500 ms. */
    @event
    @debounce(500)
    async search(params: JsonObject): Promise<void> {
      const query = typeof params['value'] === 'string' ? params['value'].slice(0, 200) : '';
      this.query = query;
      this.results = await deps.source.search(query, SEARCH_LIMIT);
    }

    /** Shown at once by the client; refused (and rolled back) for locked items. */
    @event
    @optimistic({ 'items.{index}.likes': { add: 1 }, 'items.{index}.liked': { set: true } })
    async like(params: JsonObject): Promise<void> {
      const item = this.items[Number(params['index'])];
      if (!item) throw new EventRejected('no such item');
      if (deps.likeDelayMs > 0) await sleep(deps.likeDelayMs);
      if (item.locked) throw new EventRejected(`"${item.name}" is locked`);
      item.likes += 1;
      item.liked = true;
    }
  }
  return Dashboard;
}
