// Schema of one configuration file: any of the four sections. Files are merged: peers and trunk groups
// by name, routes in order, and exactly one file holds the gateway.
import { NAME_PATTERN } from '../formats.js';
import { list, namedMap, object, type Schema } from './common.js';
import { gatewaySchema } from './gateway.js';
import { peerSchema } from './peer.js';
import { routeSchema } from './route.js';
import { trunkGroupSchema } from './trunk-group.js';

export const SECTIONS = ['gateway', 'peers', 'trunkGroups', 'routes'] as const;
export type Section = (typeof SECTIONS)[number];

export const fileSchema: Schema = {
  $id: 'https://tandem.invalid/schemas/config-file.json',
  title: 'Tandem configuration file',
  ...object(
    'One YAML file under the configuration directory. It holds one or more sections; a directory may split them over as many files as it likes.',
    {
      gateway: gatewaySchema,
      peers: namedMap('SIP peers by name.', NAME_PATTERN, peerSchema),
      trunkGroups: namedMap('Trunk groups by name.', NAME_PATTERN, trunkGroupSchema),
      routes: list('Routes, in order.', routeSchema, { minItems: 1 }),
    },
    { minProperties: 1 },
  ),
};
