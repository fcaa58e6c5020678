/** The whole domain schema (DESIGN §2). drizzle-kit generates drizzle/ from this module. */
export * from './enums';
export * from './areas';
export * from './categories';
export * from './media';
export * from './cases';
export * from './ratings';
export * from './publications';
export * from './staff';
export * from './system';
export * from './stats';
export * from './relations';
