import { z } from 'zod';

// Core kinds are read loosely: only the fields the conversion uses are checked, the rest
// pass through untouched (a Service has many fields this tool never reads).

const ServicePort = z.looseObject({
  name: z.string().optional(),
  port: z.number().int(),
  targetPort: z.union([z.number().int(), z.string()]).optional(),
  protocol: z.string().optional(),
  appProtocol: z.string().optional(),
});

export const ServiceSchema = z.looseObject({
  spec: z
    .looseObject({
      selector: z.record(z.string(), z.string()).optional(),
      ports: z.array(ServicePort).optional(),
      type: z.string().optional(),
    })
    .optional(),
});

export const NamespaceSchema = z.looseObject({});
