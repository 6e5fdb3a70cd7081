/** Starts the proxy in front of `backends` (`http://host:port` each); round robin, or by session when `sticky`. */
export declare function startProxy(options: {
  backends: readonly string[];
  sticky?: boolean;
  port?: number;
}): Promise<{ url: string; close(): Promise<void> }>;
