/** Processes of a live server script on fixed ports, sharing one Redis (see cluster.mjs). */
export declare class Cluster {
  static start(redisUrl: string, count: number, env?: Record<string, string>, script?: string): Promise<Cluster>;
  readonly urls: string[];
  startNode(i: number): Promise<void>;
  ask(i: number, message: unknown): Promise<unknown>;
  stopNode(i: number, signal?: NodeJS.Signals): Promise<void>;
  running(i: number): boolean;
  rollingRestart(onEach?: (i: number) => Promise<void>): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}
