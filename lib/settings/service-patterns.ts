import { z } from 'zod';
import type { Actor } from '../auth/types';
import { readSetting, writeSetting } from './store';

// Which containers run the digital-human service. Production names them `<project>-digital-human-service-1`
// and builds them from images with "heygem" in the name; admins can widen or narrow this per fleet.

const regexSource = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((s) => {
    try {
      new RegExp(s, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression');

export const servicePatternsSchema = z.object({
  /** Matched against the image name (e.g. "dh/heygem:latest"). */
  image: z.array(regexSource).max(20, 'at most 20 patterns'),
  /** Matched against the container name without its leading "/". */
  name: z.array(regexSource).max(20, 'at most 20 patterns'),
  /** Matched against each label written as "key=value". */
  label: z.array(regexSource).max(20, 'at most 20 patterns'),
});

export type ServicePatterns = z.infer<typeof servicePatternsSchema>;

export const DEFAULT_SERVICE_PATTERNS: ServicePatterns = {
  image: ['heygem'],
  name: ['digital-human'],
  label: [],
};

const KEY = 'service_patterns';

export function getServicePatterns(): Promise<ServicePatterns> {
  return readSetting(KEY, servicePatternsSchema, DEFAULT_SERVICE_PATTERNS);
}

export function setServicePatterns(actor: Actor, patterns: unknown): Promise<ServicePatterns> {
  return writeSetting(actor, KEY, servicePatternsSchema, patterns);
}

export type ServiceMatcher = (c: {
  name: string;
  image: string;
  labels: Record<string, string>;
}) => boolean;

/** Case-insensitive; a container is a service container when any pattern of any kind matches. */
export function compileServiceMatcher(p: ServicePatterns): ServiceMatcher {
  const image = p.image.map((s) => new RegExp(s, 'i'));
  const name = p.name.map((s) => new RegExp(s, 'i'));
  const label = p.label.map((s) => new RegExp(s, 'i'));
  return (c) =>
    image.some((r) => r.test(c.image)) ||
    name.some((r) => r.test(c.name)) ||
    Object.entries(c.labels).some(([k, v]) => label.some((r) => r.test(`${k}=${v}`)));
}
