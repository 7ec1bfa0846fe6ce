// Reading a step's error back: the API code and status of a studioError (a z.errors.Error) and
// of a haltedError ride along as properties, so steps and tests can tell "ambiguous_contact"
// from "not_found" whichever class carried it, without reading the message text.
import { describe, expect, it } from '@jest/globals';
import zapier, { type ZObject } from 'zapier-platform-core';
import { haltedError, isNotFoundError, isStudioError, studioError, studioErrorOf } from '../../src/api/errors.js';

const z = { errors: zapier.errors } as unknown as ZObject;

describe('reading the code of an error', () => {
  it('reads a studioError: a z.errors.Error (AppError) with its code and status as properties', () => {
    const error = studioError(z, 'No gallery with id "gal_1".', 'not_found', 404);
    expect(error).toBeInstanceOf(zapier.errors.Error);
    expect(error.name).toBe('AppError');
    expect(JSON.parse(error.message)).toEqual({ message: 'No gallery with id "gal_1".', code: 'not_found', status: 404 });
    expect(studioErrorOf(error)).toMatchObject({ code: 'not_found', status: 404, message: 'No gallery with id "gal_1".' });
    expect(isNotFoundError(error)).toBe(true);
  });

  it('reads a studioError without a status', () => {
    expect(studioErrorOf(studioError(z, 'Check this step.', 'invalid_input'))).toMatchObject({
      code: 'invalid_input',
      status: undefined,
      message: 'Check this step.',
    });
  });

  it('reads a halted stop: a HaltedError whose message is the text as written, with its code and status readable', () => {
    const error = haltedError(z, 'Job job_1 already has 10 galleries linked.', 'gallery_limit_reached', 409);
    expect(error).toBeInstanceOf(zapier.errors.HaltedError);
    expect(error.name).toBe('HaltedError');
    expect(error.message).toBe('Job job_1 already has 10 galleries linked.');
    expect(studioErrorOf(error)).toMatchObject({
      code: 'gallery_limit_reached',
      status: 409,
      message: 'Job job_1 already has 10 galleries linked.',
    });
    expect(isStudioError(error, 'gallery_limit_reached')).toBe(true);
    expect(isNotFoundError(error)).toBe(false);
    // Shown as written: core appends no console log to it, as with z.errors.Error.
    expect((error as Error & { doNotContextify?: boolean }).doNotContextify).toBe(true);
  });

  it('reads a halted stop without a status', () => {
    expect(studioErrorOf(haltedError(z, 'Two contacts fit.', 'ambiguous_contact'))).toMatchObject({
      code: 'ambiguous_contact',
      status: undefined,
      message: 'Two contacts fit.',
    });
  });

  it('reads nothing from other failures', () => {
    expect(studioErrorOf(new zapier.errors.HaltedError('halted by someone else'))).toBeNull();
    expect(studioErrorOf(new Error('{"code":"not_found"}'))).toBeNull();
    // The message text is never parsed: only the properties count.
    expect(studioErrorOf(new zapier.errors.Error('No gallery.', 'not_found', 404))).toBeNull();
    expect(studioErrorOf('not_found')).toBeNull();
  });
});
