// nock patches Node's http module, which every test file in a jest worker shares, while each
// file loads its own copy of nock. Restoring after each file keeps one file's interceptors
// (and its patch) from swallowing the next file's requests.
import { afterAll } from '@jest/globals';
import nock from 'nock';

afterAll(() => {
  nock.cleanAll();
  nock.restore();
  nock.enableNetConnect();
});
