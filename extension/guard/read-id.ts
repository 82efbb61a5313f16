import type { IdSource } from '../../shared/profile.ts';

/** Elements an id is read from: the customer's row (the document in page mode) and the control. */
export interface IdScope {
  row: ParentNode;
  control: Element;
  pageUrl: string;
}

/**
 * Reads a customer id as a profile's `customer.id` specifies. Returns null when
 * the element, attribute or URL part is missing or empty.
 */
export function readCustomerId(source: IdSource, scope: IdScope): string | null {
  switch (source.from) {
    case 'attribute': {
      const element = source.selector ? scope.row.querySelector(source.selector) : asElement(scope.row);
      return clean(element?.getAttribute(source.name));
    }
    case 'checkboxValue': {
      const box = scope.row.querySelector(source.selector);
      return clean(box instanceof HTMLInputElement ? box.value : box?.getAttribute('value'));
    }
    case 'queryParam':
      return clean(readUrl(source, scope)?.searchParams.get(source.param));
    case 'pathSegment': {
      const segments = readUrl(source, scope)?.pathname.split('/').filter((segment) => segment !== '');
      return clean(decodeSegment(segments?.[source.index]));
    }
    case 'hash':
      return clean(decodeSegment(readUrl(source, scope)?.hash.replace(/^#!?\/?/, '')));
  }
}

function readUrl(source: Extract<IdSource, { url: unknown }>, scope: IdScope): URL | null {
  let href: string | null | undefined;
  if (source.url === 'page') href = scope.pageUrl;
  else if (source.url === 'control') href = scope.control.closest('a[href]')?.getAttribute('href');
  else {
    const link = source.link ? scope.row.querySelector(source.link) : null;
    href = link?.getAttribute('href');
  }
  if (!href) return null;
  try {
    return new URL(href, scope.pageUrl);
  } catch {
    return null;
  }
}

function asElement(node: ParentNode): Element | null {
  return node instanceof Element ? node : null;
}

function decodeSegment(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
