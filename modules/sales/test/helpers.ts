// The shared test world lives in @voyage/testing; module tests import it from here.
export { createWorkspaceWithAdmin, createWorld, signIn, type World } from '@voyage/testing';
