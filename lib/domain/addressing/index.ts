export * from "./allocate-link-local";
export * from "./allocate-mac";
