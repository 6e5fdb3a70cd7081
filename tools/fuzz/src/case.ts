/** A fuzz case: the templates, context and update context of one seed. */
import { blockBody, body, parentBlockBody } from './grammar.js';
import { Rng } from './random.js';
import { context, type Json } from './values.js';

/** One generated case. */
export interface FuzzCase {
  readonly seed: number;
  /** Template sources by name; `main.html` is rendered. */
  readonly templates: Readonly<Record<string, string>>;
  /** The context, in tagged JSON (`{"$safe": ...}` for a SafeString), as conformance cases carry it. */
  readonly context: { readonly [key: string]: Json };
  /** A second context: a live document mounted with `context` is updated to it. */
  readonly next: { readonly [key: string]: Json };
}

// The included templates every case may name.
const INCLUDED = {
  'inc.html': '[{{ s|upper }}{{ v|default:"-" }}{% cycle "i" "j" %}{% ifchanged %}{{ x }}{% endifchanged %}]',
  'rec.html': '{% if depth %}{% include "rec.html" with depth=depth|add:-1 %}{% endif %}r{{ depth }}',
};

/** The case of `seed`: one in three extends a parent whose blocks hold stateful tags. */
export function fuzzCase(seed: number): FuzzCase {
  const rng = new Rng(seed);
  let templates: Record<string, string>;
  if (rng.chance(1 / 3)) {
    const parent = `<main>{% block content %}${parentBlockBody(rng)}{% endblock %}</main>{% block foot %}${body(rng, 2)}{% endblock %}`;
    const child = `{% extends "base.html" %}{% block content %}${blockBody(rng, 4)}{% endblock %}${
      rng.chance(0.5) ? `{% block foot %}${blockBody(rng, 2)}{% endblock %}` : ''
    }`;
    templates = { 'main.html': child, 'base.html': parent, ...INCLUDED };
  } else {
    templates = { 'main.html': body(rng, 6), ...INCLUDED };
  }
  return { seed, templates, context: context(rng), next: context(rng) };
}
