/** What other modules and the server may use from the customers module. */
export { segmentMemberIds } from './segments/segment-member-ids';
export { seedDemoCustomers } from './demo/seed-demo-customers';
