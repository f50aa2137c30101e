/**
 * GET {API_PREFIX}/readiness/turn-credentials — short-lived TURN credentials for the device-readiness check of a
 * signed-in counsellor or IT support account, so no laptop has to hold coturn's static secret. The reply names
 * the server's TURN addresses and one credential for them; it carries nothing about customers.
 */
import { z } from 'zod';
import { IsoDateTime } from '../domain/appointment.js';
import { API_PREFIX } from '../http/sync-api.js';
import { IceServer } from '../signalling/messages.js';

export const READINESS_TURN_PATH = `${API_PREFIX}/readiness/turn-credentials`;

/** The readiness check needs the credential for under a minute; longer only widens what a leaked one allows. */
export const READINESS_TURN_MAX_TTL_SECONDS = 600;

export const ReadinessTurnGrant = z
  .object({
    /** The server's TURN addresses; empty when the server has no TURN set up. */
    turnUrls: z.array(z.string().regex(/^turns?:/).max(512)).max(8),
    /** One entry with `turnUrls` and a credential; empty when the server has no TURN set up. */
    iceServers: z.array(IceServer).max(4),
    expiresAt: IsoDateTime.nullable(),
  })
  .strict();
export type ReadinessTurnGrant = z.infer<typeof ReadinessTurnGrant>;
