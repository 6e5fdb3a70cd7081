/** The standard "Lorem ipsum" paragraph: Django's `lorem_ipsum.COMMON_P`. */
export const LOREM_COMMON_P =
  'Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.';

const COMMON_WORDS: readonly string[] = [
  'lorem',
  'ipsum',
  'dolor',
  'sit',
  'amet',
  'consectetur',
  'adipisicing',
  'elit',
  'sed',
  'do',
  'eiusmod',
  'tempor',
  'incididunt',
  'ut',
  'labore',
  'et',
  'dolore',
  'magna',
  'aliqua',
];

const WORDS: readonly string[] = [
  'exercitationem',
  'perferendis',
  'perspiciatis',
  'laborum',
  'eveniet',
  'sunt',
  'iure',
  'nam',
  'nobis',
  'eum',
  'cum',
  'officiis',
  'excepturi',
  'odio',
  'consectetur',
  'quasi',
  'aut',
  'quisquam',
  'vel',
  'eligendi',
  'itaque',
  'non',
  'odit',
  'tempore',
  'quaerat',
  'dignissimos',
  'facilis',
  'neque',
  'nihil',
  'expedita',
  'vitae',
  'vero',
  'ipsum',
  'nisi',
  'animi',
  'cumque',
  'pariatur',
  'velit',
  'modi',
  'natus',
  'iusto',
  'eaque',
  'sequi',
  'illo',
  'sed',
  'ex',
  'et',
  'voluptatibus',
  'tempora',
  'veritatis',
  'ratione',
  'assumenda',
  'incidunt',
  'nostrum',
  'placeat',
  'aliquid',
  'fuga',
  'provident',
  'praesentium',
  'rem',
  'necessitatibus',
  'suscipit',
  'adipisci',
  'quidem',
  'possimus',
  'voluptas',
  'debitis',
  'sint',
  'accusantium',
  'unde',
  'sapiente',
  'voluptate',
  'qui',
  'aspernatur',
  'laudantium',
  'soluta',
  'amet',
  'quo',
  'aliquam',
  'saepe',
  'culpa',
  'libero',
  'ipsa',
  'dicta',
  'reiciendis',
  'nesciunt',
  'doloribus',
  'autem',
  'impedit',
  'minima',
  'maiores',
  'repudiandae',
  'ipsam',
  'obcaecati',
  'ullam',
  'enim',
  'totam',
  'delectus',
  'ducimus',
  'quis',
  'voluptates',
  'dolores',
  'molestiae',
  'harum',
  'dolorem',
  'quia',
  'voluptatem',
  'molestias',
  'magni',
  'distinctio',
  'omnis',
  'illum',
  'dolorum',
  'voluptatum',
  'ea',
  'quas',
  'quam',
  'corporis',
  'quae',
  'blanditiis',
  'atque',
  'deserunt',
  'laboriosam',
  'earum',
  'consequuntur',
  'hic',
  'cupiditate',
  'quibusdam',
  'accusamus',
  'ut',
  'rerum',
  'error',
  'minus',
  'eius',
  'ab',
  'ad',
  'nemo',
  'fugit',
  'officia',
  'at',
  'in',
  'id',
  'quos',
  'reprehenderit',
  'numquam',
  'iste',
  'fugiat',
  'sit',
  'inventore',
  'beatae',
  'repellendus',
  'magnam',
  'recusandae',
  'quod',
  'explicabo',
  'doloremque',
  'aperiam',
  'consequatur',
  'asperiores',
  'commodi',
  'optio',
  'dolor',
  'labore',
  'temporibus',
  'repellat',
  'veniam',
  'architecto',
  'est',
  'esse',
  'mollitia',
  'nulla',
  'a',
  'similique',
  'eos',
  'alias',
  'dolore',
  'tenetur',
  'deleniti',
  'porro',
  'facere',
  'maxime',
  'corrupti',
];

// Python's random.sample: k distinct items in random order.
function sample(pool: readonly string[], k: number): string[] {
  const copy = pool.slice();
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(Math.random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] ?? '', copy[i] ?? ''];
  }
  return copy.slice(0, k);
}

function randomInt(lo: number, hi: number): number {
  return lo + Math.floor(Math.random() * (hi - lo + 1));
}

function sentence(): string {
  const sections: string[] = [];
  for (let i = randomInt(1, 5); i > 0; i--) sections.push(sample(WORDS, randomInt(3, 12)).join(' '));
  const s = sections.join(', ');
  return s.charAt(0).toUpperCase() + s.slice(1) + (Math.random() < 0.5 ? '?' : '.');
}

function paragraph(): string {
  const sentences: string[] = [];
  for (let i = randomInt(1, 4); i > 0; i--) sentences.push(sentence());
  return sentences.join(' ');
}

/**
 * Django `lorem_ipsum.words`: `count` words separated by spaces. With `common`, the first 19 are the
 * standard "lorem ipsum dolor..." words (deterministic); any further words are random Latin, as in Django.
 * A negative count slices as Python does (`words(-1)` drops the last common word).
 */
export function loremWords(count: number, common: boolean): string {
  let list = common ? COMMON_WORDS.slice() : [];
  if (count > list.length) {
    let rest = count - list.length;
    while (rest > 0) {
      const c = Math.min(rest, WORDS.length);
      rest -= c;
      list = list.concat(sample(WORDS, c));
    }
  } else {
    list = count < 0 ? list.slice(0, Math.max(0, list.length + count)) : list.slice(0, count);
  }
  return list.join(' ');
}

/**
 * Django `lorem_ipsum.paragraphs`: with `common` the first paragraph is LOREM_COMMON_P; the others are
 * random Latin, as in Django.
 */
export function loremParagraphs(count: number, common: boolean): string[] {
  const paras: string[] = [];
  for (let i = 0; i < count; i++) paras.push(common && i === 0 ? LOREM_COMMON_P : paragraph());
  return paras;
}
