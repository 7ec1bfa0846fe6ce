// Hidden trigger behind every Gallery dropdown (galleryIdField). Its Search field narrows the
// list as the user types (the API's ?q= matches the gallery name).
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import { dropdownPage } from '../api/dropdown-page.js';
import { sampleGallery } from './samples.js';
import { Gallery } from '../contract/galleries.js';

export function galleryChoice(gallery: Pick<Gallery, 'id' | 'name' | 'status'>) {
  return { id: gallery.id, name: `${gallery.name} · ${gallery.status}` };
}

const inputFields = defineInputFields([
  { key: 'search', label: 'Search', type: 'string', required: false, helpText: 'Part of the gallery name, to narrow the list.' },
]);

export default defineTrigger({
  key: 'list_galleries',
  noun: 'Gallery',
  display: { label: 'New Gallery', description: 'Triggers when a gallery is created. Used to fill the Gallery dropdown.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    inputFields,
    perform: async (z, bundle) => {
      const q = typeof bundle.inputData.search === 'string' ? bundle.inputData.search.trim() : undefined;
      const galleries = await dropdownPage(z, bundle, Gallery, { path: '/v1/galleries', query: { q }, describe: 'list of galleries' });
      return galleries.map(galleryChoice);
    },
    sample: galleryChoice(sampleGallery),
    outputFields: [
      { key: 'id', label: 'Gallery ID', type: 'string' },
      { key: 'name', label: 'Gallery (Name and Status)', type: 'string' },
    ],
  },
});
