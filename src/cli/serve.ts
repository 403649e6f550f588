// `nianbao serve`: local preview (src/dev/server.ts).
import { startDevServer } from '../dev/server.ts';

export async function serveSite(root: string, port: number): Promise<void> {
  await startDevServer({ root, port });
}
