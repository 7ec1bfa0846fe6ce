// Hidden trigger behind the Brand dropdown (brandIdField).
import { defineTrigger } from 'zapier-platform-core';
import { dropdownPage } from '../api/dropdown-page.js';
import { sampleBrand } from './samples.js';
import { Brand } from '../contract/galleries.js';

/** The domain tells apart brands with similar names. */
export function brandChoice(brand: Brand) {
  return { id: brand.id, name: brand.domain ? `${brand.name} (${brand.domain})` : brand.name };
}

export default defineTrigger({
  key: 'list_brands',
  noun: 'Brand',
  display: { label: 'New Brand', description: 'Triggers when a brand is added. Used to fill the Brand dropdown.', hidden: true },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) =>
      (await dropdownPage(z, bundle, Brand, { path: '/v1/brands', describe: 'list of brands' })).map(brandChoice),
    sample: brandChoice(sampleBrand),
    outputFields: [
      { key: 'id', label: 'Brand ID', type: 'string' },
      { key: 'name', label: 'Brand', type: 'string' },
    ],
  },
});
