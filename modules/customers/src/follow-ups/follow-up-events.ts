export const FOLLOW_UP_EVENTS = {
  created: 'customers.follow_up.created',
  updated: 'customers.follow_up.updated',
  deleted: 'customers.follow_up.deleted',
} as const;

/** Emitted by whatever sends an email to a contact (mail module, sequences); the timeline records it. */
export const CONTACT_EMAIL_SENT_EVENT = 'customers.contact.email_sent';

export const FOLLOW_UP_REMINDER_JOB = 'customers.follow_up_reminder';

export interface FollowUpEventPayload {
  id: string;
  subjectType: 'contact' | 'account';
  subjectId: string;
}
