export * from './notify';
export * from './on-member-changed';
export * from './list-notifications';
export * from './count-unread-notifications';
export * from './mark-notification-read';
export * from './mark-all-notifications-read';
