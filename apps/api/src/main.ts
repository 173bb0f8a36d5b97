import { createBridge } from './bridge';
import { ConfigError, loadConfig } from './infra/config/app-config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const bridge = await createBridge(config);
  await bridge.listen();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    bridge.logger.info({ signal }, 'shutting down: finishing in-flight requests');
    bridge
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        bridge.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
