import { describe, expect, it } from 'vitest';
import { joinPath } from '../../../main/contract/mock-path';
import { pathSegments } from '../../../main/core/yaml/yaml-text';

describe('the keys and indexes of a path into a file', () => {
  it('a mock path: keys between dots, indexes in brackets', () => {
    expect(pathSegments('body.items[0].name')).toEqual(['body', 'items', 0, 'name']);
    expect(pathSegments('responses[1].when[0].path')).toEqual(['responses', 1, 'when', 0, 'path']);
    // A key written with digits stays a key: only brackets make an index.
    expect(pathSegments('body.200')).toEqual(['body', '200']);
  });

  it('a key with a dot or a bracket in brackets after its dot, as a Handlebars template writes it: one key', () => {
    expect(pathSegments('body.[a.b].c')).toEqual(['body', 'a.b', 'c']);
    expect(pathSegments('[x.y].status')).toEqual(['x.y', 'status']);
    // In brackets, \] is a ] and \\ a backslash; brackets after a dot hold a key even when it is digits.
    expect(pathSegments('headers.[a\\]b\\\\].[0]')).toEqual(['headers', 'a]b\\', '0']);
    expect(pathSegments('body.items[0].[x[1\\]]')).toEqual(['body', 'items', 0, 'x[1]']);
  });

  it('a key joined to a path is written so that it reads back as the one key it is', () => {
    for (const key of ['result', 'a.b', 'x[0]', 'a]b', 'back\\slash]', '200', '', '/not/a/pointer']) {
      expect(pathSegments(joinPath('body', key))).toEqual(['body', key]);
      expect(pathSegments(joinPath('', key))).toEqual([key]);
    }
    expect(joinPath('body', 'result')).toBe('body.result');
    expect(joinPath('body', 'a.b')).toBe('body.[a.b]');
    expect(joinPath('', 'fallback')).toBe('fallback');
  });

  it('a JSON pointer, as Ajv gives: its escapes read, its numbers as indexes', () => {
    expect(pathSegments('/json_schema/properties/a~1b/required/0')).toEqual(['json_schema', 'properties', 'a/b', 'required', 0]);
    expect(pathSegments('/a~0b')).toEqual(['a~b']);
  });

  it('nothing for the whole file', () => {
    expect(pathSegments('')).toEqual([]);
  });
});
