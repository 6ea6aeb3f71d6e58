// Builds DOM trees from data without ever parsing markup: every string becomes a text node, so
// ticket text written by end users cannot turn into elements or scripts.

/** What `h` and `svg` accept as children; null, undefined and false are skipped. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Attributes of `h` and `svg`: `class`, event listeners under `on`, other keys as attributes. */
export interface Props {
  class?: string | undefined;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
  [attribute: string]: unknown;
}

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child as readonly Child[]);
    else if (typeof child === 'string' || typeof child === 'number')
      parent.appendChild(document.createTextNode(String(child)));
    else parent.appendChild(child as Node);
  }
}

/** Attributes whose value the browser loads or runs as a URL. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster']);

function checkAttribute(key: string, value: string): void {
  // An `onclick` attribute is a string of code: handlers go under `on`, never as attributes.
  if (/^on/i.test(key)) throw new Error(`h(): use on: { ... } for "${key}"`);
  // srcdoc is markup: a view never builds one from data.
  if (key.toLowerCase() === 'srcdoc') throw new Error('h(): srcdoc is not allowed');
  // A ticket's text could become a link: never one that runs script or embeds a document.
  // Browsers ignore whitespace and control characters inside the scheme ("java\tscript:").
  const scheme = [...value]
    .filter((char) => char.charCodeAt(0) > 0x20)
    .join('')
    .toLowerCase();
  if (URL_ATTRIBUTES.has(key.toLowerCase()) && /^(javascript|data|vbscript):/.test(scheme))
    throw new Error(`h(): refused a script or data URL in ${key}`);
}

function applyProps(element: Element, props: Props | undefined): void {
  if (!props) return;
  for (const [key, value] of Object.entries(props)) {
    if (key === 'on') {
      for (const [type, listener] of Object.entries(value as Record<string, EventListener>))
        element.addEventListener(type, listener);
      continue;
    }
    if (value === undefined || value === null || value === false) {
      checkAttribute(key, '');
      continue;
    }
    if (value !== true && typeof value !== 'string' && typeof value !== 'number')
      throw new Error(`h(): attribute "${key}" must be a string, number or boolean`);
    const text = value === true ? '' : `${value}`;
    checkAttribute(key, text);
    element.setAttribute(key, text);
  }
}

/**
 * Creates an HTML element with attributes, listeners and children.
 *
 * @example
 * h('button', { class: 'primary', type: 'button', on: { click: () => save() } }, 'Save');
 * h('ul', null, items.map((item) => h('li', null, item.title)));
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  applyProps(element, props ?? undefined);
  append(element, children);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Creates an SVG element (in the SVG namespace) with attributes and children.
 *
 * @example
 * svg('svg', { viewBox: '0 0 10 10', width: 10 }, svg('circle', { cx: 5, cy: 5, r: 4 }));
 */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  applyProps(element, props ?? undefined);
  append(element, children);
  return element;
}

/**
 * Replaces all children of `parent` with the given ones (same rules as `h`).
 *
 * @example
 * replaceChildren(document.body, h('p', null, 'Loading…'));
 */
export function replaceChildren(parent: Node & ParentNode, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}
