/** Where the dashboard's search box looks for books. */

/** One search hit as the template shows it. */
export interface BookHit {
  readonly id: number;
  readonly title: string;
  readonly author: { readonly name: string };
}

/** A searchable collection of books. `label` is shown under the search box, so users know what they search. */
export interface SearchSource {
  readonly label: string;
  search(query: string, limit: number): Promise<BookHit[]>;
}

const SAMPLE: readonly BookHit[] = [
  { id: 1, title: 'The Left Hand of Darkness', author: { name: 'Ursula K. Le Guin' } },
  { id: 2, title: 'A Wizard of Earthsea', author: { name: 'Ursula K. Le Guin' } },
  { id: 3, title: 'Dune', author: { name: 'Frank Herbert' } },
  { id: 4, title: 'Neuromancer', author: { name: 'William Gibson' } },
  { id: 5, title: 'The Dispossessed', author: { name: 'Ursula K. Le Guin' } },
  { id: 6, title: 'Kindred', author: { name: 'Octavia E. Butler' } },
  { id: 7, title: 'Parable of the Sower', author: { name: 'Octavia E. Butler' } },
  { id: 8, title: 'Solaris', author: { name: 'Stanisław Lem' } },
  { id: 9, title: 'Hyperion', author: { name: 'Dan Simmons' } },
  { id: 10, title: 'The Book of the New Sun', author: { name: 'Gene Wolfe' } },
];

/** A fixed in-memory list, used when the SQLite library database is not available. */
export function sampleSource(): SearchSource {
  return {
    label: 'Searching a small in-memory sample list (the SQLite library database is not available).',
    async search(query, limit) {
      const needle = query.trim().toLowerCase();
      const hits =
        needle === '' ? SAMPLE : SAMPLE.filter((b) => `${b.title} ${b.author.name}`.toLowerCase().includes(needle));
      return hits.slice(0, limit);
    },
  };
}
