import { describe, expect, it } from 'vitest';
import { parseModel } from './parse-model.ts';

const js = `export class V1Thing {}
V1Thing.attributeTypeMap = [
    { "name": "_continue", "baseName": "continue", "type": "string", "format": "" },
    { "name": "items", "baseName": "items", "type": "Array<V1Item>", "format": "" },
    { "name": "size", "baseName": "size", "type": "number", "format": "int32" }
];`;

const dts = `/**
 * Header of the generated file.
 */
import { V1Item } from '../models/V1Item.js';
/**
* A thing with \\"quotes\\" and pod\\'s apostrophe.
*/
export declare class V1Thing {
    /**
    * Continue token; see 'other': not a field.
    */
    '_continue'?: string;
    'items': Array<V1Item>;
    /**
    * Size in bytes.
    */
    'size'?: number;
    static readonly discriminator: string | undefined;
}`;

describe('parseModel', () => {
  it('reads types from the JavaScript and descriptions and required-ness from the declarations', () => {
    expect(parseModel('V1Thing', js, dts)).toEqual({
      name: 'V1Thing',
      description: 'A thing with "quotes" and pod\'s apostrophe.',
      properties: [
        { name: 'continue', type: 'string', format: '', description: "Continue token; see 'other': not a field.", required: false },
        { name: 'items', type: 'Array<V1Item>', format: '', required: true },
        { name: 'size', type: 'number', format: 'int32', description: 'Size in bytes.', required: false },
      ],
    });
  });
});
