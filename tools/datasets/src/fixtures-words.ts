/** Word lists the fixture generators draw from. `&` appears on purpose so every engine has to escape. */

export const FIRST_NAMES = [
  'Ada', 'Alan', 'Barbara', 'Claude', 'Dennis', 'Edsger', 'Frances', 'Grace', 'Hedy', 'Ivan',
  'John', 'Ken', 'Leslie', 'Margaret', 'Niklaus', 'Radia', 'Shafi', 'Tim', 'Vint', 'Whitfield',
] as const;

export const LAST_NAMES = [
  'Lovelace', 'Turing', 'Liskov', 'Shannon', 'Ritchie', 'Dijkstra', 'Allen', 'Hopper', 'Lamarr',
  'Sutherland', 'McCarthy', 'Thompson', 'Lamport', 'Hamilton', 'Wirth', 'Perlman', 'Goldwasser',
  'Berners-Lee', 'Cerf', 'Diffie',
] as const;

export const ADJECTIVES = [
  'Red', 'Quiet', 'Rapid', 'Golden', 'Tiny', 'Vast', 'Bright', 'Hollow', 'Silver', 'Brave',
  'Salt & Pepper', 'Black & White', 'Ancient', 'Modern', 'Crystal', 'Wooden',
] as const;

export const NOUNS = [
  'Widget', 'Lantern', 'Compass', 'Kettle', 'Notebook', 'Anchor', 'Teapot', 'Bicycle', 'Harbor',
  'Mill', 'Orchard', 'Beacon', 'Sparrow', 'Quill', 'Rivet', 'Trellis',
] as const;

export const MAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.test'] as const;
