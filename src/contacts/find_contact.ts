// Find Contact: the one contact that fits the email, else the phone, else the name.
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { parseInput } from '../api/input.js';
import { matchClientToContact, ambiguousContactError, studioCountryLoader } from './lookup.js';
import { contactOutput, contactOutputFields, contactSample } from './contact-output.js';
import { OptionalEmail, OptionalPhoneText, OptionalText, personFields, personLabels, phoneInE164OrFail } from './person-input.js';

const inputFields = defineInputFields([
  { ...personFields.email, helpText: 'Looked up first. ' + personFields.email.helpText },
  { ...personFields.phone, helpText: 'Looked up when no contact has the email. ' + personFields.phone.helpText },
  { ...personFields.first_name, helpText: 'With Last Name, looked up when no contact has the email or phone. Case, accents and extra spaces are ignored.' },
  { ...personFields.last_name },
]);

const FindContactInput = zod
  .object({ email: OptionalEmail, phone: OptionalPhoneText, first_name: OptionalText(100), last_name: OptionalText(100) })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    message: 'Fill in at least one of Email, Phone, First Name or Last Name to look a contact up by',
  });

export default defineSearch({
  key: 'find_contact',
  noun: 'Contact',
  display: {
    label: 'Find Contact',
    description:
      'Finds a contact by email, then phone, then name, and says which one matched. Stops with the candidates listed when several contacts fit equally.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) => {
      const input = parseInput(z, FindContactInput, bundle.inputData, personLabels);
      const country = studioCountryLoader(z);
      const match = await matchClientToContact(z, input, country);
      // Ambiguous: an empty result would make "create if not found" add yet another
      // duplicate, and picking one would be a guess, so the step stops and lists them.
      if (match.ambiguous) {
        throw ambiguousContactError(
          z,
          match,
          'Add the email address or phone number that tells them apart, or pick the contact by hand in the next step.',
        );
      }
      if (match.contact) return [{ ...contactOutput(match.contact), matched_by: match.matched_by }];
      if (input.phone !== undefined && match.unreadable.includes('phone')) {
        phoneInE164OrFail(z, input.phone, input.phone.startsWith('+') ? null : await country());
      }
      return [];
    },
    sample: { ...contactSample, matched_by: 'email' },
    outputFields: [...contactOutputFields, { key: 'matched_by', label: 'Matched By (email, phone or name)', type: 'string' }],
  },
});
