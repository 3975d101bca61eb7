export * from "./ipv4";
export * from "./cidr";
export * from "./mac";
export * from "./ifname";
export * from "./port";
export * from "./hostname";
