import { accounts, contacts } from '../db/schema';

/** Both record tables, for catalogue changes that rewrite tags wherever they are used. */
export const TAGGED_TABLES = [{ object: 'account', table: accounts }, { object: 'contact', table: contacts }] as const;
