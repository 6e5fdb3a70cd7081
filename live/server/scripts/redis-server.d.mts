/** Where Debian's redis-server package installs the server. */
export declare const REDIS_SERVER: string;
/** Why redis-server cannot run here, or null when it can. */
export declare function redisMissing(): string | null;
/** A port nothing listens on right now. */
export declare function freePort(): Promise<number>;
/** A private redis-server on a free loopback port. */
export declare function startRedisServer(): Promise<{ url: string; port: number; stop(): Promise<void> }>;
