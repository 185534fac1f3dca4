import { z } from 'zod';

/** A job request: the container, the job (a remedy id or the runbook) and its options (each remedy checks its own). */
export const jobRequestSchema = z.object({
  hostId: z.string().min(1),
  container: z.string().min(1),
  name: z.string().min(1),
  params: z.record(z.string(), z.unknown()).optional(),
});

/** Starting a job also carries the preview's confirmation token. */
export const jobStartSchema = jobRequestSchema.extend({ confirm: z.string().optional() });

/** Undoing a job: the confirmation token of its undo preview. */
export const undoSchema = z.object({ confirm: z.string().optional() });
