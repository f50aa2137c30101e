/**
 * Inviting guests from the app (appointment panel, pre-join): the back office asks the signed-in server for the
 * appointment's guest links (src-server/guest), so the server stays the one place that issues, counts and
 * revokes them; nothing about them is kept on the laptop.
 */
import { z } from 'zod';
import { Id } from '../../domain/appointment.js';
import { GuestLinkInfo } from '../../signalling/guest-api.js';
import { GuestRole } from '../../signalling/messages.js';
import { method } from '../define.js';

export const invitationMethods = {
  /** The appointment's links with their state now, oldest first. */
  'invitations.list': method(z.object({ appointmentId: Id }).strict(), z.object({ links: z.array(GuestLinkInfo).max(500) })),
  /** A new single-use link for one person in `role`, valid for a day. */
  'invitations.create': method(z.object({ appointmentId: Id, role: GuestRole }).strict(), GuestLinkInfo),
  'invitations.revoke': method(z.object({ linkId: Id }).strict(), GuestLinkInfo),
} as const;

export const invitationEvents = {} as const;
