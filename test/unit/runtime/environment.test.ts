import { afterEach, describe, expect, it } from 'vitest';
import { positiveIntegerFromEnvironment } from '../../../shared/runtime/environment.ts';

const name = 'LEERREKENING_TEST_POSITIVE_INTEGER';

afterEach(() => {
  delete process.env[name];
});

describe('positiveIntegerFromEnvironment', () => {
  it('is the default, or undefined, when the variable is unset or empty', () => {
    expect(positiveIntegerFromEnvironment(name)).toBeUndefined();
    expect(positiveIntegerFromEnvironment(name, 60)).toBe(60);
    process.env[name] = '';
    expect(positiveIntegerFromEnvironment(name)).toBeUndefined();
    expect(positiveIntegerFromEnvironment(name, 60)).toBe(60);
  });

  it.each(['1', '60', '3600', '007'])('reads %s as a whole number', (value) => {
    process.env[name] = value;
    expect(positiveIntegerFromEnvironment(name)).toBe(Number(value));
    expect(positiveIntegerFromEnvironment(name, 5)).toBe(Number(value));
  });

  it.each(['0', '-1', '1.5', '1e3', '0x10', ' 60 ', '60s', 'abc', '99999999999999999999'])(
    'refuses %j with an error that names the variable',
    (value) => {
      process.env[name] = value;
      expect(() => positiveIntegerFromEnvironment(name)).toThrow(`${name} must be a whole number of at least 1`);
      expect(() => positiveIntegerFromEnvironment(name, 60)).toThrow(name);
    },
  );
});
