/**
 * The schema version this build writes: the number of steps in ./migrations (a unit test holds them
 * equal). Apart from the steps so that opening a database already at this version loads none of
 * their code (./database.ts).
 */
export const DB_VERSION = 8;

export const DB_NAME = 'repay-companion';
