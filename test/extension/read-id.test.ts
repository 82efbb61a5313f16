// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { readCustomerId } from '../../extension/guard/read-id.ts';

let row: HTMLElement;
let control: HTMLElement;

beforeEach(() => {
  document.body.innerHTML = `
<div class="row" data-customer-id="cus_1" data-empty="">
  <input type="checkbox" class="pick" value="cus_2">
  <a class="open" href="/customers/cus_3?id=cus_4#cus_5">Open</a>
  <span class="tag" data-ref=" cus_6 "></span>
  <a class="delete" href="/delete?id=cus_7#/cus_8">Delete</a>
</div>`;
  row = document.querySelector('.row')!;
  control = document.querySelector('.delete')!;
});

const pageUrl = 'http://127.0.0.1:8788/customers/cus%209/notes?id=cus_10#cus_11';

describe('readCustomerId', () => {
  test('attribute on the row', () => {
    expect(readCustomerId({ from: 'attribute', name: 'data-customer-id' }, { row, control, pageUrl })).toBe('cus_1');
  });

  test('attribute inside the row, trimmed', () => {
    expect(readCustomerId({ from: 'attribute', name: 'data-ref', selector: '.tag' }, { row, control, pageUrl })).toBe('cus_6');
  });

  test('empty attribute is null', () => {
    expect(readCustomerId({ from: 'attribute', name: 'data-empty' }, { row, control, pageUrl })).toBeNull();
  });

  test('checkbox value', () => {
    expect(readCustomerId({ from: 'checkboxValue', selector: '.pick' }, { row, control, pageUrl })).toBe('cus_2');
  });

  test('query parameter of a link, the control and the page', () => {
    expect(readCustomerId({ from: 'queryParam', param: 'id', url: 'link', link: '.open' }, { row, control, pageUrl })).toBe('cus_4');
    expect(readCustomerId({ from: 'queryParam', param: 'id', url: 'control' }, { row, control, pageUrl })).toBe('cus_7');
    expect(readCustomerId({ from: 'queryParam', param: 'id', url: 'page' }, { row, control, pageUrl })).toBe('cus_10');
  });

  test('path segment, decoded', () => {
    expect(readCustomerId({ from: 'pathSegment', index: 1, url: 'page' }, { row, control, pageUrl })).toBe('cus 9');
    expect(readCustomerId({ from: 'pathSegment', index: 1, url: 'link', link: '.open' }, { row, control, pageUrl })).toBe('cus_3');
  });

  test('path segment out of range is null', () => {
    expect(readCustomerId({ from: 'pathSegment', index: 7, url: 'page' }, { row, control, pageUrl })).toBeNull();
  });

  test('hash, with and without #/', () => {
    expect(readCustomerId({ from: 'hash', url: 'page' }, { row, control, pageUrl })).toBe('cus_11');
    expect(readCustomerId({ from: 'hash', url: 'control' }, { row, control, pageUrl })).toBe('cus_8');
  });

  test('missing link is null', () => {
    expect(readCustomerId({ from: 'queryParam', param: 'id', url: 'link', link: '.nothing' }, { row, control, pageUrl })).toBeNull();
  });
});
