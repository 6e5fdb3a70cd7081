/**
 * Starts the proxy in front of `backends` (`http://host:port` each): in turn (`round-robin`), by session
 * cookie (`session`, sticky) or the first that accepts (`first`).
 */
export declare function startProxy(options: {
  backends: readonly string[];
  balance?: 'round-robin' | 'session' | 'first';
  port?: number;
}): Promise<{ url: string; close(): Promise<void> }>;
