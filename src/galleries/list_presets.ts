// Hidden trigger behind the Gallery Preset dropdown (presetIdField). When the step already has
// a Brand chosen, only presets usable with that brand are offered.
import { defineTrigger } from 'zapier-platform-core';
import { dropdownPage } from '../api/dropdown-page.js';
import { samplePreset } from './samples.js';
import { GalleryPreset } from '../contract/galleries.js';

export function presetChoice(preset: GalleryPreset) {
  return { id: preset.id, name: preset.name };
}

/** The Brand the user picked in the same step (Zapier passes the step's inputs to its dropdowns). */
function chosenBrand(inputData: Record<string, unknown>): string | undefined {
  const brand = inputData.brand_id;
  return typeof brand === 'string' && brand.trim() !== '' ? brand.trim() : undefined;
}

export default defineTrigger({
  key: 'list_presets',
  noun: 'Gallery Preset',
  display: {
    label: 'New Gallery Preset',
    description: 'Triggers when a gallery preset is added. Used to fill the Gallery Preset dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: async (z, bundle) => {
      const brand_id = chosenBrand(bundle.inputData as Record<string, unknown>);
      const presets = await dropdownPage(z, bundle, GalleryPreset, {
        path: '/v1/gallery-presets',
        query: { brand_id },
        describe: 'list of gallery presets',
      });
      return presets.map(presetChoice);
    },
    sample: presetChoice(samplePreset),
    outputFields: [
      { key: 'id', label: 'Gallery Preset ID', type: 'string' },
      { key: 'name', label: 'Gallery Preset', type: 'string' },
    ],
  },
});
