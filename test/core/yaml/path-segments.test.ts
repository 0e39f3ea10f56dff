import { describe, expect, it } from 'vitest';
import { pathSegments } from '../../../main/core/yaml/yaml-text';

describe('the keys and indexes of a path into a file', () => {
  it('a mock path: keys between dots, indexes in brackets', () => {
    expect(pathSegments('body.items[0].name')).toEqual(['body', 'items', 0, 'name']);
    expect(pathSegments('responses[1].when[0].path')).toEqual(['responses', 1, 'when', 0, 'path']);
    // A key written with digits stays a key: only brackets make an index.
    expect(pathSegments('body.200')).toEqual(['body', '200']);
  });

  it('a JSON pointer, as Ajv gives: its escapes read, its numbers as indexes', () => {
    expect(pathSegments('/json_schema/properties/a~1b/required/0')).toEqual(['json_schema', 'properties', 'a/b', 'required', 0]);
    expect(pathSegments('/a~0b')).toEqual(['a~b']);
  });

  it('nothing for the whole file', () => {
    expect(pathSegments('')).toEqual([]);
  });
});
